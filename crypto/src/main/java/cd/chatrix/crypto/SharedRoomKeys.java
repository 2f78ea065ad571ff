package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.SecretBox;
import cd.chatrix.crypto.store.Device;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who received the key of one of our outbound Megolm sessions, at which message index and under
 * which identity key, so a device that lost the {@code m.room_key} can be given exactly what it was
 * sent and nothing earlier. The key as it was shared (the signed session key, which only the
 * session's creator can produce) is kept sealed under the pickle key, one copy per index.
 *
 * <p>Kept as one small named value per session ({@code roomkey.shares|room|session}) rather than a
 * table: it lives only as long as the session is the room's current one, needs no migration, and
 * works with every {@link cd.chatrix.crypto.store.CryptoStore}.
 */
final class SharedRoomKeys {
  private final MachineContext ctx;

  SharedRoomKeys(MachineContext ctx) {
    this.ctx = ctx;
  }

  /** What the records say about one device and one of our sessions. */
  sealed interface Lookup {
    /**
     * The device was sent the key at {@code index}; {@code sessionKey} is that very key, and {@code
     * policy} the trust policy the room was last shared under.
     */
    record Shared(int index, String sessionKey, TrustPolicy policy) implements Lookup {}

    /** The device was never sent this session's key (or no record exists for the session). */
    record NotShared() implements Lookup {}

    /** A device with this id got the key, but under another identity key: not the same device. */
    record OtherIdentity() implements Lookup {}
  }

  /**
   * Notes that {@code devices} are being sent {@code sessionKey}, which starts at {@code index},
   * under {@code policy}.
   */
  void record(
      String roomId,
      String sessionId,
      String sessionKey,
      int index,
      Collection<Device> devices,
      TrustPolicy policy) {
    ObjectNode rec = load(roomId, sessionId).orElseGet(CanonicalJson::object);
    rec.put("policy", policy.name());
    ObjectNode keys = rec.has("keys") ? (ObjectNode) rec.get("keys") : rec.putObject("keys");
    String at = Integer.toString(index);
    if (!keys.has(at)) {
      keys.put(
          at,
          SecretBox.seal(
              sessionKey.getBytes(StandardCharsets.UTF_8), ctx.pickleKey, kind(roomId, sessionId)));
    }
    ObjectNode byDevice =
        rec.has("devices") ? (ObjectNode) rec.get("devices") : rec.putObject("devices");
    for (Device d : devices) {
      // The first share counts: a device is never given an earlier index than it first got.
      if (!byDevice.has(OlmSessions.ref(d))) {
        byDevice
            .putObject(OlmSessions.ref(d))
            .put("index", index)
            .put("curve25519", d.curve25519());
      }
    }
    ctx.store.saveValue(key(roomId, sessionId), CanonicalJson.encode(rec));
  }

  Lookup lookup(String roomId, String sessionId, Device device) {
    Optional<ObjectNode> rec = load(roomId, sessionId);
    JsonNode entry =
        rec.map(r -> r.path("devices").path(OlmSessions.ref(device)))
            .orElse(CanonicalJson.object());
    if (!entry.has("index")) {
      return new Lookup.NotShared();
    }
    if (!entry.path("curve25519").asString("").equals(device.curve25519())) {
      return new Lookup.OtherIdentity();
    }
    int index = entry.path("index").asInt();
    String sealed = rec.get().path("keys").path(Integer.toString(index)).asString("");
    if (sealed.isEmpty()) {
      return new Lookup.NotShared();
    }
    byte[] plain = SecretBox.open(sealed, ctx.pickleKey, kind(roomId, sessionId));
    TrustPolicy policy =
        rec.get().path("policy").asString("").equals(TrustPolicy.ALL_DEVICES.name())
            ? TrustPolicy.ALL_DEVICES
            : TrustPolicy.VERIFIED_ONLY;
    return new Lookup.Shared(index, new String(plain, StandardCharsets.UTF_8), policy);
  }

  /** The session is no longer the room's current one: nobody gets its key again from us. */
  void forget(String roomId, String sessionId) {
    ctx.store.removeValue(key(roomId, sessionId));
  }

  private Optional<ObjectNode> load(String roomId, String sessionId) {
    return ctx.store
        .value(key(roomId, sessionId))
        .map(CanonicalJson::parse)
        .filter(ObjectNode.class::isInstance)
        .map(ObjectNode.class::cast);
  }

  private static String key(String roomId, String sessionId) {
    return "roomkey.shares|" + roomId + "|" + sessionId;
  }

  /** Binds each sealed key to its session, so a stored copy cannot be moved to another one. */
  private static String kind(String roomId, String sessionId) {
    return "shared room key " + roomId + " " + sessionId;
  }
}
