package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.PendingEvent;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Room event decryption with Megolm: checks the session belongs to the claimed sender key and room,
 * rejects a message index reused by a different event (replay), and parks events whose key is
 * missing until it arrives.
 */
final class MegolmDecrypt {
  private final MachineContext ctx;
  private final RoomKeySharing sharing;
  private final KeyRequests keyRequests;
  private final DeviceTracker devices;

  MegolmDecrypt(
      MachineContext ctx, RoomKeySharing sharing, KeyRequests keyRequests, DeviceTracker devices) {
    this.ctx = ctx;
    this.sharing = sharing;
    this.keyRequests = keyRequests;
    this.devices = devices;
  }

  DecryptionResult decrypt(String roomId, JsonNode event) {
    DecryptionResult result = attempt(roomId, event);
    if (result instanceof DecryptionResult.MissingKey missing) {
      JsonNode content = event.path("content");
      ctx.store.savePendingEvent(
          new PendingEvent(
              roomId,
              missing.sessionId(),
              event.path("event_id").asString(""),
              CanonicalJson.encode(event)));
      if (missing.withheldCode().isEmpty()) {
        keyRequests.request(
            roomId,
            missing.sessionId(),
            content.path("sender_key").asString(""),
            event.path("sender").asString(""));
      }
    }
    return result;
  }

  /** Retries the events parked for a session; those that still fail stay parked. */
  List<LateDecryption> retry(String roomId, String sessionId) {
    List<LateDecryption> done = new ArrayList<>();
    List<PendingEvent> stillPending = new ArrayList<>();
    for (PendingEvent p : ctx.store.pendingEvents(roomId, sessionId)) {
      JsonNode event = CanonicalJson.parse(p.eventJson());
      switch (attempt(roomId, event)) {
        case DecryptionResult.Decrypted d ->
            done.add(new LateDecryption(roomId, p.eventId(), event, d));
        case DecryptionResult.MissingKey m -> stillPending.add(p);
        case DecryptionResult.Rejected r -> {
          // Dropped for good: a retry cannot fix a tampered or replayed event.
        }
      }
    }
    ctx.store.removePendingEvents(roomId, sessionId);
    stillPending.forEach(ctx.store::savePendingEvent);
    return done;
  }

  private DecryptionResult attempt(String roomId, JsonNode event) {
    JsonNode content = event.path("content");
    if (!MachineContext.MEGOLM_ALGORITHM.equals(content.path("algorithm").asString(""))) {
      return new DecryptionResult.Rejected(
          "unsupported algorithm " + content.path("algorithm").asString("(none)"));
    }
    String sessionId = content.path("session_id").asString("");
    String senderKey = content.path("sender_key").asString("");
    String ciphertext = content.path("ciphertext").asString("");
    if (sessionId.isEmpty() || ciphertext.isEmpty()) {
      return new DecryptionResult.Rejected("the encrypted content lacks session_id or ciphertext");
    }
    Optional<StoredInboundGroupSession> stored = ctx.store.inboundGroupSession(roomId, sessionId);
    if (stored.isEmpty()) {
      return new DecryptionResult.MissingKey(sessionId, sharing.withheldCode(roomId, sessionId));
    }
    StoredInboundGroupSession s = stored.get();
    // sender_key is deprecated and may be absent; when present it must match the session's owner.
    if (!senderKey.isEmpty() && !senderKey.equals(s.senderKey())) {
      return new DecryptionResult.Rejected("the sender key does not match the session's sender");
    }
    InboundGroupSession.DecryptedGroupMessage message;
    try (InboundGroupSession session =
        ctx.engine.unpickleInboundGroupSession(s.pickle(), ctx.pickleKey)) {
      message = session.decrypt(ciphertext);
    } catch (CryptoException e) {
      if (isBeforeFirstKnownIndex(ciphertext, s)) {
        return new DecryptionResult.MissingKey(sessionId, Optional.empty());
      }
      return new DecryptionResult.Rejected("the ciphertext does not decrypt: " + e.getMessage());
    }
    JsonNode plain;
    try {
      plain = CanonicalJson.parse(message.plaintext());
    } catch (RuntimeException e) {
      return new DecryptionResult.Rejected("the plaintext is not JSON");
    }
    if (!roomId.equals(plain.path("room_id").asString(""))) {
      return new DecryptionResult.Rejected("the event was encrypted for another room");
    }
    String eventId = event.path("event_id").asString("");
    Optional<String> owner = ctx.store.messageIndexOwner(roomId, sessionId, message.messageIndex());
    if (owner.isPresent() && !owner.get().equals(eventId)) {
      return new DecryptionResult.Rejected(
          "replay: message index "
              + message.messageIndex()
              + " was already used by "
              + owner.get());
    }
    if (owner.isEmpty()) {
      ctx.store.saveMessageIndexOwner(roomId, sessionId, message.messageIndex(), eventId);
    }
    String sender = event.path("sender").asString("");
    Optional<Device> device = devices.deviceByCurveKey(sender, s.senderKey());
    if (device.isEmpty() && !sender.isEmpty()) {
      // Start following the sender so later events from this device can be attributed.
      devices.track(java.util.List.of(sender));
    }
    return new DecryptionResult.Decrypted(
        plain.path("type").asString(""),
        plain.path("content"),
        s.senderKey(),
        device.map(Device::deviceId),
        trust(sender, s, device),
        message.messageIndex());
  }

  private boolean isBeforeFirstKnownIndex(String ciphertext, StoredInboundGroupSession s) {
    // Megolm v3 message: version byte, then protobuf field 0x08 with the varint message index.
    try {
      byte[] raw = java.util.Base64.getDecoder().decode(ciphertext);
      if (raw.length < 3 || raw[1] != 0x08) {
        return false;
      }
      int index = 0;
      int shift = 0;
      for (int i = 2; i < raw.length && shift < 35; i++, shift += 7) {
        index |= (raw[i] & 0x7f) << shift;
        if ((raw[i] & 0x80) == 0) {
          break;
        }
      }
      return index < s.firstKnownIndex();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private SenderTrust trust(String sender, StoredInboundGroupSession s, Optional<Device> device) {
    if (s.forwarded()) {
      return SenderTrust.UNAUTHENTICATED;
    }
    if (sender.equals(ctx.userId) && s.senderKey().equals(ctx.curve25519())) {
      return SenderTrust.VERIFIED;
    }
    if (device.isEmpty()) {
      return SenderTrust.UNKNOWN_DEVICE;
    }
    if (!device.get().ed25519().equals(s.signingKey())) {
      return SenderTrust.UNAUTHENTICATED;
    }
    return device.get().isVerified() ? SenderTrust.VERIFIED : SenderTrust.UNVERIFIED;
  }
}
