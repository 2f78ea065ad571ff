package cd.chatrix.matrix.send;

import tools.jackson.databind.node.ObjectNode;

/** The hook that encrypts an attachment before upload, for encrypted rooms. */
@FunctionalInterface
public interface AttachmentEncryptor {

  /**
   * @param ciphertext what to upload instead of the plain bytes
   * @param file the {@code EncryptedFile} object (key, iv, hashes, v) without {@code url}; the
   *     sender adds the uploaded URL
   */
  record EncryptedAttachment(byte[] ciphertext, ObjectNode file) {}

  EncryptedAttachment encrypt(byte[] plain);
}
