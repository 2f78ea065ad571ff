package cd.chatrix.crypto.store;

/**
 * A Megolm session we can decrypt with.
 *
 * @param senderKey Curve25519 key of the device that created the session
 * @param signingKey Ed25519 key that device claimed when it shared the session
 * @param forwarded true when the key came from another device than its creator, so messages
 *     decrypted with it cannot be attributed with certainty
 */
public record StoredInboundGroupSession(
    String roomId,
    String sessionId,
    String senderKey,
    String signingKey,
    String pickle,
    int firstKnownIndex,
    boolean forwarded) {
  @Override
  public String toString() {
    return "StoredInboundGroupSession["
        + roomId
        + ", "
        + sessionId
        + ", from "
        + firstKnownIndex
        + "]";
  }
}
