package cd.chatrix.matrix.send;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uploads media ({@code POST /_matrix/media/v3/upload}) and builds the message that shows it. In
 * encrypted rooms the bytes are encrypted first and the message carries {@code file} instead of
 * {@code url}.
 */
public final class MediaUploader {
  private final HttpTransport transport;
  private final Predicate<String> roomEncrypted;
  private volatile Optional<AttachmentEncryptor> encryptor = Optional.empty();

  public MediaUploader(HttpTransport transport, Predicate<String> roomEncrypted) {
    this.transport = transport;
    this.roomEncrypted = roomEncrypted;
  }

  public void setEncryptor(AttachmentEncryptor newEncryptor) {
    this.encryptor = Optional.of(newEncryptor);
  }

  /** Uploads and returns the {@code mxc://} URI. */
  public String upload(byte[] bytes, String contentType, String fileName) {
    MatrixRequest request =
        MatrixRequest.postBytes("/_matrix/media/v3/upload", bytes, contentType)
            .withQuery("filename", fileName)
            // A repeated upload only leaves an unused copy behind, so a lost answer is retried.
            .retrySafe(true);
    String uri = Json.text(transport.call(request), "content_uri");
    if (!uri.startsWith("mxc://")) {
      throw new IllegalStateException("The media upload returned no mxc:// URI.");
    }
    return uri;
  }

  /**
   * Uploads a file for {@code roomId} and returns message content for it.
   *
   * @param msgtype {@code m.file}, {@code m.image}, {@code m.text}-like types are not valid here
   */
  public ObjectNode fileMessage(
      String roomId, byte[] bytes, String contentType, String fileName, String msgtype) {
    ObjectNode content = Json.object();
    content.put("msgtype", msgtype);
    content.put("body", fileName);
    content.put("filename", fileName);
    ObjectNode info = content.putObject("info");
    info.put("mimetype", contentType);
    info.put("size", bytes.length);
    if (roomEncrypted.test(roomId)) {
      AttachmentEncryptor encrypt =
          encryptor.orElseThrow(() ->
              new IllegalStateException(
                  "Room "
                      + roomId
                      + " is encrypted but attachment encryption is not"
                      + " available; the file was not uploaded in clear."));
      AttachmentEncryptor.EncryptedAttachment sealed = encrypt.encrypt(bytes);
      ObjectNode file = sealed.file().deepCopy();
      file.put("url", upload(sealed.ciphertext(), "application/octet-stream", fileName));
      content.set("file", file);
    } else {
      content.put("url", upload(bytes, contentType, fileName));
    }
    content.putObject("m.mentions");
    return content;
  }
}
