package cd.chatrix.crypto.engine;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 32-byte key that encrypts every pickle at rest. It never appears in logs: {@link #toString()}
 * is redacted and the bytes are copied in and out.
 */
public final class PickleKey {
  private final byte[] bytes;

  /** What this very instance sealed or opened lately; see {@link SecretBox#openRemembered}. */
  final OpenedSecrets opened = new OpenedSecrets();

  /** The key as the JCE wants it, made once: {@link SecretBox} uses it for every seal and open. */
  private final SecretKeySpec aesKey;

  private PickleKey(byte[] bytes) {
    this.bytes = bytes;
    this.aesKey = new SecretKeySpec(bytes, "AES");
  }

  SecretKeySpec aesKey() {
    return aesKey;
  }

  public static PickleKey of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "A pickle key must be exactly 32 bytes; generate one with PickleKey.random().");
    }
    return new PickleKey(bytes.clone());
  }

  public static PickleKey random() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return new PickleKey(b);
  }

  /** A copy of the key bytes, for the adapter and for the store that keeps the key file. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PickleKey other && java.security.MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PickleKey[redacted]";
  }
}
