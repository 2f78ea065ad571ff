package cd.chatrix.crypto.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM under the pickle key. The kind (e.g. "account") is bound
 * as associated data, so a sealed value cannot be swapped for one of another kind. The kind strings
 * callers pass are therefore part of the storage format: renaming one makes existing stores
 * unreadable.
 */
public final class SecretBox {
  private static final String PREFIX = "cdp1:";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretBox() {}

  public static String seal(byte[] plain, PickleKey key, String kind) {
    byte[] raw = key.bytes();
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(kind.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("Could not seal the " + kind + " for storage.", e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  public static byte[] open(String sealed, PickleKey key, String kind) {
    byte[] raw = key.bytes();
    try {
      if (!sealed.startsWith(PREFIX)) {
        throw new CryptoException(
            "The stored "
                + kind
                + " is not in the sealed format; the store may be from another program.");
      }
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(raw, "AES"),
          new GCMParameterSpec(128, in, 0, NONCE_BYTES));
      cipher.updateAAD(kind.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CryptoException(
          "Could not restore the "
              + kind
              + " from the store: the pickle key does not match or the data is damaged. Use the"
              + " pickle key the store was created with.",
          e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }
}
