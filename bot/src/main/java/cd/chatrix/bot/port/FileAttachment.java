package cd.chatrix.bot.port;

/** A file to upload and post ({@code m.file}); the adapter encrypts it in encrypted rooms. */
public record FileAttachment(String fileName, String mimeType, byte[] content, String caption) {
  public FileAttachment {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public String toString() {
    return "FileAttachment[" + fileName + ", " + mimeType + ", " + content.length + " bytes]";
  }
}
