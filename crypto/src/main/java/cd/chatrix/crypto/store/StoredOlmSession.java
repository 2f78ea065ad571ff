package cd.chatrix.crypto.store;

/** An Olm session with one remote device, identified by that device's Curve25519 key. */
public record StoredOlmSession(
    String senderKey, String sessionId, String pickle, long createdAtMs, long lastUsedAtMs) {
  @Override
  public String toString() {
    return "StoredOlmSession[" + senderKey + ", " + sessionId + "]";
  }
}
