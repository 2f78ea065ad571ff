package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file as UTF-8 text and says plainly why it could not: no such file, a
 * directory, no permission, or bytes that are not UTF-8 (with the line and byte where they start).
 * A UTF-8 byte order mark, as some Windows editors write, is dropped.
 */
final class ConfigText {

  /** The text, or the reason there is none. */
  sealed interface Read {
    record Text(String text) implements Read {}

    record Unreadable(ConfigProblem problem) implements Read {}
  }

  private ConfigText() {}

  static Read read(Path file) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        return problem(file + " is a directory, not a file", "give the path of config.json");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      return problem(
          "no such file: " + file,
          "check the -c path, or create the file with: chatrixcd -I -c " + file);
    } catch (AccessDeniedException denied) {
      return problem(
          "cannot read " + file + ": permission denied",
          "make it readable by the user running ChatrixCD");
    } catch (IOException e) {
      return problem(
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
          "check that the file is readable by this user");
    }
    return decode(bytes, file.toString());
  }

  /** Decodes {@code bytes} as strict UTF-8; {@code name} is used in messages. */
  static Read decode(byte[] bytes, String name) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
            || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      return problem(
          name + " is saved as UTF-16, not UTF-8", "save it again with the encoding UTF-8");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
      return new Read.Text(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      int at = firstBadByte(bytes);
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      return problem(
          String.format(
              "%s is not UTF-8 text: line %d has the byte 0x%02X, which UTF-8 does not allow there",
              name, line, bytes[at] & 0xFF),
          "save it again with the encoding UTF-8 (Latin-1 and Windows-1252 files look like this)");
    }
  }

  /** The offset of the first byte that does not decode, found by decoding in small steps. */
  private static int firstBadByte(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? Math.min(in.position(), bytes.length - 1) : bytes.length - 1;
  }

  private static Read problem(String message, String hint) {
    return new Read.Unreadable(new ConfigProblem("", message, hint));
  }
}
