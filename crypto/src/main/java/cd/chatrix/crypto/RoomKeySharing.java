package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.engine.OutboundGroupSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import cd.chatrix.crypto.store.StoredOutboundGroupSession;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Room keys in both directions: sends {@code m.room_key} over Olm and {@code m.room_key.withheld}
 * in clear; accepts incoming {@code m.room_key} events (only over Olm, so the sender key is proven)
 * and remembers withheld notices so "why can't I read this" has an answer.
 */
final class RoomKeySharing {
  private static final Logger LOG = LoggerFactory.getLogger(RoomKeySharing.class);

  private final MachineContext ctx;
  private final OlmEncrypt olm;
  private final SharedRoomKeys shares;

  RoomKeySharing(MachineContext ctx, OlmEncrypt olm, SharedRoomKeys shares) {
    this.ctx = ctx;
    this.olm = olm;
    this.shares = shares;
  }

  /** A newly usable Megolm session: pending events for it can be retried. */
  record NewSession(String roomId, String sessionId) {}

  /**
   * Queues the session's key for the devices as request {@code requestId}, and records who was sent
   * it at which index (shared under {@code policy}) so a lost copy can be sent again.
   */
  void shareRoomKey(
      String requestId,
      String roomId,
      StoredOutboundGroupSession session,
      List<Device> devices,
      TrustPolicy policy) {
    String sessionKey;
    int index;
    try (OutboundGroupSession out =
        ctx.engine.unpickleOutboundGroupSession(session.pickle(), ctx.pickleKey)) {
      sessionKey = out.sessionKey();
      index = out.messageIndex();
    }
    shares.record(roomId, session.sessionId(), sessionKey, index, devices, policy);
    olm.queue(requestId, devices, "m.room_key", roomKey(roomId, session.sessionId(), sessionKey));
  }

  /** Sends one device the key of our session again, as it was first sent to it. */
  void reshareRoomKey(Device device, String roomId, String sessionId, String sessionKey) {
    olm.queue(List.of(device), "m.room_key", roomKey(roomId, sessionId, sessionKey));
  }

  private static ObjectNode roomKey(String roomId, String sessionId, String sessionKey) {
    ObjectNode content = CanonicalJson.object();
    content.put("algorithm", MachineContext.MEGOLM_ALGORITHM);
    content.put("room_id", roomId);
    content.put("session_id", sessionId);
    content.put("session_key", sessionKey);
    return content;
  }

  void withhold(String roomId, String sessionId, List<Device> refused, List<Device> noOlm) {
    ObjectNode messages = CanonicalJson.object();
    refused.forEach(d ->
        put(
            messages,
            d,
            withheld(
                roomId,
                sessionId,
                d.trust() == cd.chatrix.crypto.store.LocalTrust.BLOCKED
                    ? "m.blacklisted"
                    : "m.unverified",
                "This bot only shares room keys with verified devices; verify this device with"
                    + " the bot to read its messages.")));
    noOlm.forEach(d ->
        put(
            messages,
            d,
            withheld(
                roomId,
                sessionId,
                "m.no_olm",
                "The bot could not claim a one-time key for this device; new messages will be"
                    + " shared once the device uploads keys.")));
    if (!messages.isEmpty()) {
      ctx.requests.toDevice("m.room_key.withheld", messages);
    }
  }

  private ObjectNode withheld(String roomId, String sessionId, String code, String reason) {
    ObjectNode c = CanonicalJson.object();
    c.put("algorithm", MachineContext.MEGOLM_ALGORITHM);
    c.put("room_id", roomId);
    c.put("session_id", sessionId);
    c.put("sender_key", ctx.curve25519());
    c.put("from_device", ctx.deviceId);
    c.put("code", code);
    c.put("reason", reason);
    return c;
  }

  private static void put(ObjectNode messages, Device d, ObjectNode content) {
    ObjectNode perUser =
        messages.has(d.userId())
            ? (ObjectNode) messages.get(d.userId())
            : messages.putObject(d.userId());
    perUser.set(d.deviceId(), content);
  }

  /** Accepts an m.room_key that arrived over Olm. */
  Optional<NewSession> onRoomKey(OlmDecrypt.Decrypted event) {
    JsonNode c = event.content();
    String roomId = c.path("room_id").asString("");
    String sessionId = c.path("session_id").asString("");
    if (!MachineContext.MEGOLM_ALGORITHM.equals(c.path("algorithm").asString(""))
        || roomId.isEmpty()
        || sessionId.isEmpty()) {
      LOG.warn("Ignoring a malformed m.room_key from {}", event.sender());
      return Optional.empty();
    }
    try (InboundGroupSession session =
        ctx.engine.newInboundGroupSession(c.path("session_key").asString(""))) {
      if (!session.sessionId().equals(sessionId)) {
        LOG.warn("m.room_key from {} carries a key for another session; ignored", event.sender());
        return Optional.empty();
      }
      var candidate =
          new StoredInboundGroupSession(
              roomId,
              sessionId,
              event.senderKey(),
              event.claimedEd25519(),
              session.pickle(ctx.pickleKey),
              session.firstKnownIndex(),
              false);
      // A key we already hold from this sender counts too: the same m.room_key comes again when
      // a process died before the sync that brought it was done, and events parked for it in
      // the meantime must still be retried.
      boolean held =
          store(candidate)
              || ctx.store
                  .inboundGroupSession(roomId, sessionId)
                  .filter(s -> s.senderKey().equals(event.senderKey()))
                  .isPresent();
      return held ? Optional.of(new NewSession(roomId, sessionId)) : Optional.empty();
    } catch (CryptoException e) {
      LOG.warn("m.room_key from {} is unusable: {}", event.sender(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Keeps the better of an existing and a new copy: authenticated beats forwarded, an earlier first
   * index beats a later one. A copy from a different sender key never replaces the original.
   */
  boolean store(StoredInboundGroupSession candidate) {
    Optional<StoredInboundGroupSession> existing =
        ctx.store.inboundGroupSession(candidate.roomId(), candidate.sessionId());
    if (existing.isPresent()) {
      StoredInboundGroupSession old = existing.get();
      if (!old.senderKey().equals(candidate.senderKey())) {
        LOG.warn("A room key for session {} claims another sender; ignored", candidate.sessionId());
        return false;
      }
      boolean better =
          (old.forwarded() && !candidate.forwarded())
              || (old.forwarded() == candidate.forwarded()
                  && candidate.firstKnownIndex() < old.firstKnownIndex());
      if (!better) {
        return false;
      }
    }
    ctx.store.saveInboundGroupSession(candidate);
    ctx.store.removeValue(withheldKey(candidate.roomId(), candidate.sessionId()));
    return true;
  }

  void onWithheld(String sender, JsonNode content) {
    String roomId = content.path("room_id").asString("");
    String sessionId = content.path("session_id").asString("");
    String code = content.path("code").asString("");
    if (!roomId.isEmpty() && !sessionId.isEmpty() && !code.isEmpty()) {
      LOG.info("{} withheld the key of session {} in {}: {}", sender, sessionId, roomId, code);
      ctx.store.saveValue(withheldKey(roomId, sessionId), code);
    }
  }

  Optional<String> withheldCode(String roomId, String sessionId) {
    return ctx.store.value(withheldKey(roomId, sessionId));
  }

  private static String withheldKey(String roomId, String sessionId) {
    return "withheld|" + roomId + "|" + sessionId;
  }
}
