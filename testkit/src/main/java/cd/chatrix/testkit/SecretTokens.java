package cd.chatrix.testkit;

import java.security.SecureRandom;

/** Unguessable tokens for the fake servers' credentials (access, refresh, login, grant codes). */
public final class SecretTokens {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretTokens() {}

  /** {@code length} characters over [A-Za-z0-9], from a secure random source. */
  public static String of(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    StringBuilder out = new StringBuilder(length);
    for (byte b : bytes) {
      out.append(ALPHABET.charAt((b & 0xff) % ALPHABET.length()));
    }
    return out.toString();
  }
}
