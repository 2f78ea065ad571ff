package cd.chatrix.crypto.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

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
  private static final CipherPool CIPHERS = new CipherPool();

  private SecretBox() {}

  public static String seal(byte[] plain, PickleKey key, String kind) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = CIPHERS.take();
      cipher.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(kind.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      int written = cipher.doFinal(plain, 0, plain.length, out, NONCE_BYTES);
      CIPHERS.give(cipher);
      if (written != out.length - NONCE_BYTES) {
        throw new GeneralSecurityException("unexpected sealed length");
      }
      return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("Could not seal the " + kind + " for storage.", e);
    }
  }

  /**
   * Like {@link #seal}, and remembers the plaintext under the sealed result in the key's bounded
   * cache, so the next {@link #openRemembered} of that exact value costs no AES. For values that
   * are read back often (session pickles); the caller still owns and may zero {@code plain}.
   */
  public static String sealRemembered(byte[] plain, PickleKey key, String kind) {
    String sealed = seal(plain, key, kind);
    key.opened.put(kind, sealed, plain);
    return sealed;
  }

  /**
   * Like {@link #open}, answered from the key's cache when this key instance sealed or opened this
   * exact value before. Returns a copy the caller may zero.
   */
  public static byte[] openRemembered(String sealed, PickleKey key, String kind) {
    var known = key.opened.get(kind, sealed);
    if (known.isPresent()) {
      return known.get();
    }
    byte[] plain = open(sealed, key, kind);
    key.opened.put(kind, sealed, plain);
    return plain;
  }

  /**
   * Drops a remembered value that will not be read again (e.g. a ratchet state just superseded).
   */
  public static void forget(String sealed, PickleKey key, String kind) {
    key.opened.forget(kind, sealed);
  }

  public static byte[] open(String sealed, PickleKey key, String kind) {
    try {
      if (!sealed.startsWith(PREFIX)) {
        throw new CryptoException(
            "The stored "
                + kind
                + " is not in the sealed format; the store may be from another program.");
      }
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = CIPHERS.take();
      cipher.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
      cipher.updateAAD(kind.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      // Only a cipher that finished cleanly goes back; a failed one is left to the collector.
      CIPHERS.give(cipher);
      return plain;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CryptoException(
          "Could not restore the "
              + kind
              + " from the store: the pickle key does not match or the data is damaged. Use the"
              + " pickle key the store was created with.",
          e);
    }
  }

  /**
   * A few idle AES-GCM ciphers. {@code Cipher.getInstance} walks the providers and the algorithm
   * constraints on every call, which on the C1-only JIT cost as much as the AES itself; each use
   * re-initialises the cipher with a fresh nonce, so reuse shares no state between seals. A pool
   * rather than a thread local because callers may be virtual threads.
   */
  private static final class CipherPool {
    private static final int IDLE = 4;
    private final java.util.concurrent.ConcurrentLinkedDeque<Cipher> idle =
        new java.util.concurrent.ConcurrentLinkedDeque<>();

    Cipher take() throws GeneralSecurityException {
      Cipher c = idle.pollFirst();
      return c != null ? c : Cipher.getInstance("AES/GCM/NoPadding");
    }

    void give(Cipher c) {
      if (idle.size() < IDLE) {
        idle.offerFirst(c);
      }
    }
  }
}
