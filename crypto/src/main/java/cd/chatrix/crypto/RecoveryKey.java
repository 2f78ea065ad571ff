package cd.chatrix.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The human-readable form of a 32-byte backup key used by Matrix clients: prefix {@code 0x8B 0x01},
 * the key, a parity byte (XOR of all previous bytes), base58 (Bitcoin alphabet), grouped by four.
 * Holders of this string can read every backed-up room key; treat it like a password.
 */
public final class RecoveryKey {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final byte[] PREFIX = {(byte) 0x8B, 0x01};

  private RecoveryKey() {}

  public static String encode(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("A backup key has 32 bytes");
    }
    byte[] raw = new byte[PREFIX.length + key.length + 1];
    System.arraycopy(PREFIX, 0, raw, 0, PREFIX.length);
    System.arraycopy(key, 0, raw, PREFIX.length, key.length);
    byte parity = 0;
    for (int i = 0; i < raw.length - 1; i++) {
      parity ^= raw[i];
    }
    raw[raw.length - 1] = parity;
    String b58 = base58(raw);
    Arrays.fill(raw, (byte) 0);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < b58.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(b58, i, Math.min(i + 4, b58.length()));
    }
    return out.toString();
  }

  /** The 32-byte key from a recovery key; spaces are ignored. */
  public static byte[] decode(String recoveryKey) {
    String compact = recoveryKey.replaceAll("\\s+", "");
    BigInteger n = BigInteger.ZERO;
    for (char c : compact.toCharArray()) {
      int digit = ALPHABET.indexOf(c);
      if (digit < 0) {
        throw new IllegalArgumentException(
            "The recovery key contains a character that is not base58; check it was copied whole.");
      }
      n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
    }
    byte[] raw = toFixed(n, PREFIX.length + 32 + 1);
    byte parity = 0;
    for (byte b : raw) {
      parity ^= b;
    }
    if (raw[0] != PREFIX[0] || raw[1] != PREFIX[1] || parity != 0) {
      throw new IllegalArgumentException(
          "This is not a valid recovery key (prefix or parity wrong); check for typos.");
    }
    return Arrays.copyOfRange(raw, PREFIX.length, PREFIX.length + 32);
  }

  private static String base58(byte[] data) {
    BigInteger n = new BigInteger(1, data);
    StringBuilder sb = new StringBuilder();
    BigInteger base = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(base);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (byte b : data) {
      if (b != 0) {
        break;
      }
      sb.append(ALPHABET.charAt(0));
    }
    return sb.reverse().toString();
  }

  private static byte[] toFixed(BigInteger n, int length) {
    byte[] bytes = n.toByteArray();
    if (bytes.length == length) {
      return bytes;
    }
    byte[] out = new byte[length];
    if (bytes.length > length) {
      // A leading sign byte from BigInteger; anything longer is not a key.
      if (bytes.length == length + 1 && bytes[0] == 0) {
        System.arraycopy(bytes, 1, out, 0, length);
        return out;
      }
      throw new IllegalArgumentException("The recovery key is too long.");
    }
    System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
    return out;
  }
}
