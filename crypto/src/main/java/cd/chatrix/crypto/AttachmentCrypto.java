package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encrypted attachments (the spec's {@code EncryptedFile}, v2): AES-256-CTR with a fresh key per
 * file and a SHA-256 of the ciphertext, so log files can go to encrypted rooms. Upload the
 * ciphertext, then send the file info with its {@code url} set to the returned mxc URI.
 */
public final class AttachmentCrypto {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Encoder B64_URL = Base64.getUrlEncoder().withoutPadding();

  private AttachmentCrypto() {}

  /** The ciphertext to upload and the {@code file} object (without {@code url}) to send. */
  public record EncryptedAttachment(byte[] ciphertext, ObjectNode file) {
    /** The file object with the uploaded content's mxc URI filled in. */
    public ObjectNode fileWithUrl(String mxcUri) {
      ObjectNode copy = file.deepCopy();
      copy.put("url", mxcUri);
      return copy;
    }

    @Override
    public String toString() {
      return "EncryptedAttachment[" + ciphertext.length + " bytes]";
    }
  }

  public static EncryptedAttachment encrypt(byte[] plaintext) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    // The spec keeps the low 64 bits of the counter zero so it cannot wrap within a file.
    byte[] iv = new byte[16];
    RANDOM.nextBytes(iv);
    java.util.Arrays.fill(iv, 8, 16, (byte) 0);
    byte[] ciphertext = ctr(Cipher.ENCRYPT_MODE, key, iv, plaintext);
    ObjectNode file = CanonicalJson.object();
    file.put("v", "v2");
    ObjectNode jwk = file.putObject("key");
    jwk.put("kty", "oct");
    jwk.putArray("key_ops").add("encrypt").add("decrypt");
    jwk.put("alg", "A256CTR");
    jwk.put("k", B64_URL.encodeToString(key));
    jwk.put("ext", true);
    file.put("iv", B64.encodeToString(iv));
    file.putObject("hashes").put("sha256", B64.encodeToString(sha256(ciphertext)));
    java.util.Arrays.fill(key, (byte) 0);
    return new EncryptedAttachment(ciphertext, file);
  }

  /**
   * Checks the hash and decrypts; throws with a reason when the file was altered or mislabelled.
   */
  public static byte[] decrypt(byte[] ciphertext, JsonNode file) {
    if (!"A256CTR".equals(file.path("key").path("alg").asString(""))) {
      throw new CryptoException("Unsupported attachment cipher; only A256CTR files can be read.");
    }
    byte[] expected;
    byte[] key;
    byte[] iv;
    try {
      expected = Base64.getDecoder().decode(file.path("hashes").path("sha256").asString(""));
      key = Base64.getUrlDecoder().decode(file.path("key").path("k").asString(""));
      iv = Base64.getDecoder().decode(file.path("iv").asString(""));
    } catch (IllegalArgumentException e) {
      throw new CryptoException("The attachment's key, iv or hash is not valid base64.", e);
    }
    if (expected.length != 32 || key.length != 32 || iv.length != 16) {
      throw new CryptoException("The attachment's key, iv or hash has the wrong length.");
    }
    if (!MessageDigest.isEqual(expected, sha256(ciphertext))) {
      throw new CryptoException(
          "The attachment does not match its hash: it was altered in transit.");
    }
    return ctr(Cipher.DECRYPT_MODE, key, iv, ciphertext);
  }

  private static byte[] ctr(int mode, byte[] key, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-CTR is unavailable in this JDK.", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("SHA-256 is unavailable in this JDK.", e);
    }
  }
}
