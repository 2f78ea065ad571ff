package cd.chatrix.crypto.engine;

/** An Ed25519 key pair held in memory (cross-signing keys). */
public interface SigningKey extends AutoCloseable {

  String publicKey();

  String sign(String message);

  /** The 32-byte private seed, for encrypted storage; never log it. */
  byte[] seed();

  @Override
  void close();
}
