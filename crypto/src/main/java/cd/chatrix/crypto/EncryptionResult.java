package cd.chatrix.crypto;

import tools.jackson.databind.node.ObjectNode;

/** The outcome of {@link OlmMachine#encrypt}. */
public sealed interface EncryptionResult {

  /** Ready to send as {@code m.room.encrypted}. */
  record Encrypted(ObjectNode content) implements EncryptionResult {}

  /**
   * Keys must be fetched or delivered first: send {@link OlmMachine#outgoingRequests()}, mark them
   * sent, and call encrypt again.
   */
  record NeedsRequests(String reason) implements EncryptionResult {}
}
