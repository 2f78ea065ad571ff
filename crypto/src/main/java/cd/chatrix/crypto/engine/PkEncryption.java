package cd.chatrix.crypto.engine;

/** Curve25519 public-key encryption towards a backup key. */
public interface PkEncryption extends AutoCloseable {

  PkMessage encrypt(String plaintext);

  @Override
  void close();
}
