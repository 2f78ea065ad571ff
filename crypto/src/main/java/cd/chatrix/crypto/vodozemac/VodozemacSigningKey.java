package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.SigningKey;
import de.connect2x.trixnity.vodozemac.Ed25519SecretKey;

final class VodozemacSigningKey implements SigningKey {
  private final Ed25519SecretKey key;

  VodozemacSigningKey(Ed25519SecretKey key) {
    this.key = key;
  }

  @Override
  public String publicKey() {
    try (var pub = key.getPublicKey()) {
      return pub.getBase64();
    }
  }

  @Override
  public String sign(String message) {
    try (var sig = key.sign(message)) {
      return sig.getBase64();
    }
  }

  @Override
  public byte[] seed() {
    return key.getBytes();
  }

  @Override
  public void close() {
    key.close();
  }

  @Override
  public String toString() {
    return "SigningKey[" + publicKey() + "]";
  }
}
