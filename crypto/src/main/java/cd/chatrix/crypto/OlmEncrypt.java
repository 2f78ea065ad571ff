package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.OlmMessage;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.StoredOlmSession;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encrypts to-device payloads with Olm ({@code m.olm.v1.curve25519-aes-sha2}) for devices we hold a
 * session with, binding sender and recipient identities into the plaintext as the spec requires.
 */
final class OlmEncrypt {
  private final MachineContext ctx;
  private final OlmSessions sessions;

  OlmEncrypt(MachineContext ctx, OlmSessions sessions) {
    this.ctx = ctx;
    this.sessions = sessions;
  }

  /** The {@code m.room.encrypted} content for one device; the device must have a session. */
  ObjectNode encryptFor(Device device, String eventType, JsonNode content) {
    StoredOlmSession stored =
        sessions
            .latest(device.curve25519())
            .orElseThrow(() ->
                new IllegalStateException(
                    "No Olm session with " + device.userId() + " " + device.deviceId()));
    ObjectNode payload = CanonicalJson.object();
    payload.put("type", eventType);
    payload.set("content", content);
    payload.put("sender", ctx.userId);
    payload.put("sender_device", ctx.deviceId);
    payload.putObject("keys").put("ed25519", ctx.ed25519());
    payload.put("recipient", device.userId());
    payload.putObject("recipient_keys").put("ed25519", device.ed25519());

    OlmMessage message;
    try (OlmSession session = ctx.engine.unpickleSession(stored.pickle(), ctx.pickleKey)) {
      message = session.encrypt(CanonicalJson.encode(payload));
      ctx.store.saveOlmSession(
          new StoredOlmSession(
              stored.senderKey(),
              stored.sessionId(),
              session.pickle(ctx.pickleKey),
              stored.createdAtMs(),
              ctx.now()));
    }
    ObjectNode out = CanonicalJson.object();
    out.put("algorithm", MachineContext.OLM_ALGORITHM);
    out.put("sender_key", ctx.curve25519());
    ObjectNode ciphertext = out.putObject("ciphertext").putObject(device.curve25519());
    ciphertext.put("type", message.type());
    ciphertext.put("body", message.body());
    return out;
  }

  /** Queues one {@code m.room.encrypted} to-device request carrying the event to every device. */
  OutgoingRequest.ToDevice queue(Collection<Device> devices, String eventType, JsonNode content) {
    return queue(RequestQueue.newId(), devices, eventType, content);
  }

  /** As {@link #queue(Collection, String, JsonNode)}, as request {@code requestId}. */
  OutgoingRequest.ToDevice queue(
      String requestId, Collection<Device> devices, String eventType, JsonNode content) {
    ObjectNode messages = CanonicalJson.object();
    for (Device d : devices) {
      ObjectNode perUser =
          messages.has(d.userId())
              ? (ObjectNode) messages.get(d.userId())
              : messages.putObject(d.userId());
      perUser.set(d.deviceId(), encryptFor(d, eventType, content));
    }
    return ctx.requests.toDevice(requestId, "m.room.encrypted", messages);
  }
}
