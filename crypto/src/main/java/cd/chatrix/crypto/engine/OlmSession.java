package cd.chatrix.crypto.engine;

/** A two-party Olm double-ratchet session. */
public interface OlmSession extends AutoCloseable {

  String sessionId();

  OlmMessage encrypt(String plaintext);

  /** Decrypts a message; throws {@link CryptoException} if it does not belong to this session. */
  String decrypt(OlmMessage message);

  /**
   * Whether a pre-key message was produced by the sender's side of this session (so decrypting it
   * here is right rather than creating a new inbound session).
   */
  boolean matchesPreKeyMessage(String preKeyMessageBody);

  String pickle(PickleKey key);

  @Override
  void close();
}
