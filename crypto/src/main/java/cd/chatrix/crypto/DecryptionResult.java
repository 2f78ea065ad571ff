package cd.chatrix.crypto;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The outcome of {@link OlmMachine#decrypt}. */
public sealed interface DecryptionResult {

  /** The clear event: its real type and content, and how far the sender can be trusted. */
  record Decrypted(
      String eventType,
      JsonNode content,
      String senderKey,
      Optional<String> senderDeviceId,
      SenderTrust trust,
      int messageIndex)
      implements DecryptionResult {}

  /**
   * We do not have the Megolm key (yet). The event is queued; a key request went out, and the event
   * is delivered to {@link OlmMachine#onLateDecryption} listeners once the key arrives.
   *
   * @param withheldCode the sender's {@code m.room_key.withheld} code if it refused us the key
   */
  record MissingKey(String sessionId, Optional<String> withheldCode) implements DecryptionResult {}

  /** The event is malformed, tampered with, replayed, or for another room. Do not retry. */
  record Rejected(String reason) implements DecryptionResult {}
}
