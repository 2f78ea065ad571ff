package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.OlmMessage;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.StoredOlmSession;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Decrypts Olm to-device events: pre-key messages open a session (consuming a one-time key), normal
 * messages are tried against the sender's sessions, newest first. The plaintext must name us as
 * recipient and the outer sender as sender, or it is dropped.
 *
 * <p>The advanced session is not saved here: the caller first keeps what the payload carries (a
 * room key) and then {@link #commit commits} the session. A message key is good for one decryption,
 * so a process killed between a saved session and a kept room key could never read the message
 * again when the server hands it out once more, and the room key would be lost for good.
 */
final class OlmDecrypt {
  private static final Logger LOG = LoggerFactory.getLogger(OlmDecrypt.class);

  private final MachineContext ctx;
  private final OlmSessions sessions;
  private final DeviceTracker devices;

  OlmDecrypt(MachineContext ctx, OlmSessions sessions, DeviceTracker devices) {
    this.ctx = ctx;
    this.sessions = sessions;
    this.devices = devices;
  }

  /**
   * What an Olm event carried, with the sender device when its keys match one we know, and the
   * session state to {@link #commit} once the payload is dealt with.
   */
  record Decrypted(
      String sender,
      String senderKey,
      String claimedEd25519,
      Optional<Device> device,
      String type,
      JsonNode content,
      Advance advance) {}

  /**
   * The session after the decryption; {@code opened} when a pre-key message created it, so the
   * account (which spent a one-time key) is saved with it.
   */
  record Advance(StoredOlmSession session, boolean opened) {}

  Optional<Decrypted> decrypt(JsonNode event) {
    String sender = event.path("sender").asString("");
    JsonNode content = event.path("content");
    if (!MachineContext.OLM_ALGORITHM.equals(content.path("algorithm").asString(""))) {
      LOG.debug("Ignoring to-device event with algorithm {}", content.path("algorithm"));
      return Optional.empty();
    }
    String senderKey = content.path("sender_key").asString("");
    JsonNode mine = content.path("ciphertext").path(ctx.curve25519());
    if (!mine.isObject() || senderKey.isEmpty()) {
      return Optional.empty();
    }
    OlmMessage message;
    try {
      message = new OlmMessage(mine.path("type").asInt(-1), mine.path("body").asString(""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Attempt attempt = decryptWithSessions(senderKey, message);
    if (attempt instanceof Attempt.Replayed) {
      LOG.warn("Dropping a replayed Olm pre-key message from {}", sender);
      return Optional.empty();
    }
    if (attempt instanceof Attempt.NoSession && message.type() == OlmMessage.PRE_KEY) {
      attempt = openInbound(senderKey, message);
    }
    if (!(attempt instanceof Attempt.Done done)) {
      LOG.warn("Could not decrypt an Olm message from {}; asking for a fresh session", sender);
      devices.deviceByCurveKey(sender, senderKey).ifPresent(sessions::unwedge);
      return Optional.empty();
    }
    Optional<Decrypted> checked = checkPayload(sender, senderKey, done);
    if (checked.isEmpty()) {
      // Dropped for good: the session still moved on, and must not take the message twice.
      commit(done.advance());
    }
    return checked;
  }

  /** Saves the session a decryption advanced (with the account, when it opened the session). */
  void commit(Advance advance) {
    if (advance.opened()) {
      // One write: a session saved without the account would leave a spent one-time key behind.
      ctx.store.saveOlmSessionWithAccount(advance.session(), ctx.account.pickle(ctx.pickleKey));
    } else {
      ctx.store.saveOlmSession(advance.session());
    }
  }

  /** What trying the known sessions gave. */
  private sealed interface Attempt {
    record Done(String plaintext, Advance advance) implements Attempt {}

    /** No session took it (for a pre-key message: none was started by it). */
    record NoSession() implements Attempt {}

    /**
     * A pre-key message whose session exists but cannot decrypt it again: a replay. Opening a new
     * session from it (possible through the reusable fallback key) would accept it twice.
     */
    record Replayed() implements Attempt {}
  }

  private Attempt decryptWithSessions(String senderKey, OlmMessage message) {
    List<StoredOlmSession> candidates =
        ctx.store.olmSessions(senderKey).stream()
            .sorted(Comparator.comparingLong(StoredOlmSession::lastUsedAtMs).reversed())
            .toList();
    for (StoredOlmSession stored : candidates) {
      try (OlmSession session = ctx.engine.unpickleSession(stored.pickle(), ctx.pickleKey)) {
        if (message.type() == OlmMessage.PRE_KEY && !session.matchesPreKeyMessage(message.body())) {
          continue;
        }
        String plain = session.decrypt(message);
        return new Attempt.Done(
            plain,
            new Advance(
                new StoredOlmSession(
                    senderKey,
                    stored.sessionId(),
                    session.pickle(ctx.pickleKey),
                    stored.createdAtMs(),
                    ctx.now()),
                false));
      } catch (CryptoException e) {
        if (message.type() == OlmMessage.PRE_KEY) {
          return new Attempt.Replayed();
        }
      }
    }
    return new Attempt.NoSession();
  }

  /** Opens the session a pre-key message starts; the account spends a one-time key in memory. */
  private Attempt openInbound(String senderKey, OlmMessage message) {
    try {
      OlmAccount.InboundSessionResult result =
          ctx.account.createInboundSession(senderKey, message.body());
      try (OlmSession session = result.session()) {
        long now = ctx.now();
        return new Attempt.Done(
            result.plaintext(),
            new Advance(
                new StoredOlmSession(
                    senderKey, session.sessionId(), session.pickle(ctx.pickleKey), now, now),
                true));
      }
    } catch (CryptoException e) {
      LOG.warn("A pre-key message did not open a session: {}", e.getMessage());
      return new Attempt.NoSession();
    }
  }

  private Optional<Decrypted> checkPayload(String sender, String senderKey, Attempt.Done done) {
    JsonNode payload;
    try {
      payload = CanonicalJson.parse(done.plaintext());
    } catch (RuntimeException e) {
      LOG.warn("Olm plaintext from {} is not JSON; dropped", sender);
      return Optional.empty();
    }
    if (!sender.equals(payload.path("sender").asString(""))
        || !ctx.userId.equals(payload.path("recipient").asString(""))
        || !ctx.ed25519().equals(payload.path("recipient_keys").path("ed25519").asString(""))) {
      LOG.warn("Olm payload from {} names another sender or recipient; dropped", sender);
      return Optional.empty();
    }
    String claimedEd = payload.path("keys").path("ed25519").asString("");
    Optional<Device> device = devices.deviceByCurveKey(sender, senderKey);
    if (device.isPresent() && !device.get().ed25519().equals(claimedEd)) {
      LOG.warn(
          "Olm payload from {} claims a signing key its device does not have; dropped", sender);
      return Optional.empty();
    }
    String type = payload.path("type").asString("");
    if (type.isEmpty() || !payload.path("content").isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new Decrypted(
            sender, senderKey, claimedEd, device, type, payload.get("content"), done.advance()));
  }
}
