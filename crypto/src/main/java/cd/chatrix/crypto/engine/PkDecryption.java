package cd.chatrix.crypto.engine;

/** Curve25519 public-key decryption ({@code m.megolm_backup.v1.curve25519-aes-sha2}). */
public interface PkDecryption extends AutoCloseable {

  String publicKey();

  /** The 32-byte private key, for encrypted storage; never log it. */
  byte[] secretKey();

  String decrypt(PkMessage message);

  @Override
  void close();
}
