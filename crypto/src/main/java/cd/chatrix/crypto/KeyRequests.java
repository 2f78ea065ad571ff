package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Room-key requests: asks our other devices and the sender's devices for keys we miss, cancels the
 * request once the key is here, and accepts {@code m.forwarded_room_key} only in answer to our own
 * request. Requests from others are answered by {@link IncomingKeyRequests}.
 */
final class KeyRequests {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRequests.class);

  private final MachineContext ctx;
  private final RoomKeySharing sharing;

  KeyRequests(MachineContext ctx, RoomKeySharing sharing) {
    this.ctx = ctx;
    this.sharing = sharing;
  }

  void request(String roomId, String sessionId, String senderKey, String sender) {
    String key = requestKey(roomId, sessionId);
    if (ctx.store.value(key).isPresent()) {
      return;
    }
    String requestId = RequestQueue.newId();
    ObjectNode body = CanonicalJson.object();
    body.put("algorithm", MachineContext.MEGOLM_ALGORITHM);
    body.put("room_id", roomId);
    body.put("session_id", sessionId);
    if (!senderKey.isEmpty()) {
      body.put("sender_key", senderKey);
    }
    ObjectNode content = CanonicalJson.object();
    content.put("action", "request");
    content.set("body", body);
    content.put("requesting_device_id", ctx.deviceId);
    content.put("request_id", requestId);
    ctx.requests.toDevice("m.room_key_request", recipients(sender, content));
    ctx.store.saveValue(key, requestId + "|" + sender);
  }

  /** The key arrived: withdraw our request so other devices stop answering it. */
  void onKeyArrived(String roomId, String sessionId) {
    String key = requestKey(roomId, sessionId);
    Optional<String> stored = ctx.store.value(key);
    if (stored.isEmpty()) {
      return;
    }
    String[] parts = stored.get().split("\\|", 2);
    ObjectNode content = CanonicalJson.object();
    content.put("action", "request_cancellation");
    content.put("requesting_device_id", ctx.deviceId);
    content.put("request_id", parts[0]);
    ctx.requests.toDevice(
        "m.room_key_request", recipients(parts.length > 1 ? parts[1] : "", content));
    ctx.store.removeValue(key);
  }

  /** Accepts a forwarded key that answers a request of ours and came from a device we trust. */
  Optional<RoomKeySharing.NewSession> onForwardedKey(OlmDecrypt.Decrypted event) {
    JsonNode c = event.content();
    String roomId = c.path("room_id").asString("");
    String sessionId = c.path("session_id").asString("");
    Optional<String> outstanding = ctx.store.value(requestKey(roomId, sessionId));
    if (outstanding.isEmpty()) {
      LOG.warn("Ignoring an unrequested forwarded room key from {}", event.sender());
      return Optional.empty();
    }
    String originalSenderKey = c.path("sender_key").asString("");
    boolean fromOwnVerifiedDevice =
        event.sender().equals(ctx.userId) && event.device().map(Device::isVerified).orElse(false);
    boolean fromOriginalSender = event.senderKey().equals(originalSenderKey);
    if (!fromOwnVerifiedDevice && !fromOriginalSender) {
      LOG.warn(
          "Ignoring a forwarded room key from {}: not our verified device nor the key's creator",
          event.sender());
      return Optional.empty();
    }
    try (InboundGroupSession session =
        ctx.engine.importInboundGroupSession(c.path("session_key").asString(""))) {
      if (!session.sessionId().equals(sessionId)) {
        return Optional.empty();
      }
      var candidate =
          new StoredInboundGroupSession(
              roomId,
              sessionId,
              originalSenderKey,
              c.path("sender_claimed_ed25519_key").asString(""),
              session.pickle(ctx.pickleKey),
              session.firstKnownIndex(),
              !fromOriginalSender);
      return sharing.store(candidate)
          ? Optional.of(new RoomKeySharing.NewSession(roomId, sessionId))
          : Optional.empty();
    } catch (CryptoException e) {
      LOG.warn("A forwarded room key from {} is unusable: {}", event.sender(), e.getMessage());
      return Optional.empty();
    }
  }

  private ObjectNode recipients(String sender, ObjectNode content) {
    ObjectNode messages = CanonicalJson.object();
    messages.putObject(ctx.userId).set("*", content);
    if (!sender.isEmpty() && !sender.equals(ctx.userId)) {
      messages.putObject(sender).set("*", content);
    }
    return messages;
  }

  private static String requestKey(String roomId, String sessionId) {
    return "keyreq|" + roomId + "|" + sessionId;
  }
}
