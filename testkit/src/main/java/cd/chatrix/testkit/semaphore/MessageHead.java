package cd.chatrix.testkit.semaphore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of one HTTP/1.1 message as {@link FrontDoor} reads it off a socket, and where its body
 * ends (RFC 9112 §6: {@code Transfer-Encoding: chunked}, else {@code Content-Length}, else a
 * response runs until the connection closes). The front door needs the end of every message to keep
 * a connection open for the next one.
 */
record MessageHead(String startLine, List<String> fields, Map<String, String> headers) {
  private static final int MAX_HEAD = 65536;

  /** How a body is delimited. */
  enum Framing {
    NONE,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  /** The next head on {@code in}; empty when the peer closed before sending one. */
  static Optional<MessageHead> read(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    while (buf.size() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        if (buf.size() == 0) {
          return Optional.empty();
        }
        throw new IOException("the connection closed in the middle of a message head");
      }
      buf.write(b);
      state =
          switch (state) {
            case 0, 2 -> b == '\r' ? state + 1 : 0;
            case 1 -> b == '\n' ? 2 : 0;
            case 3 -> b == '\n' ? 4 : 0;
            default -> 0;
          };
      if (state == 4) {
        return Optional.of(parse(buf.toString(StandardCharsets.ISO_8859_1)));
      }
    }
    throw new IOException("a message head longer than " + MAX_HEAD + " bytes");
  }

  private static MessageHead parse(String text) {
    String[] lines = text.split("\r\n");
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    List<String> fields = List.of(lines).subList(1, lines.length);
    return new MessageHead(lines[0], fields, Map.copyOf(headers));
  }

  String header(String name) {
    return headers.getOrDefault(name, "");
  }

  /** The request's method, or the response's protocol version. */
  String first() {
    return startLine.split(" ", 2)[0];
  }

  /** The request target, or the response's status code. */
  String second() {
    String[] parts = startLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }

  int status() {
    try {
      return Integer.parseInt(second());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Whether the sender closes the connection after this message: {@code Connection: close}, or
   * HTTP/1.0 without {@code keep-alive} (RFC 9112 §9.3).
   */
  boolean closes() {
    String connection = header("connection").toLowerCase(Locale.ROOT);
    if (connection.contains("close")) {
      return true;
    }
    boolean http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
    return http10 && !connection.contains("keep-alive");
  }

  /** A request's body framing (RFC 9112 §6.3: no length and no chunking means no body). */
  Framing requestFraming() {
    if (header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
      return Framing.CHUNKED;
    }
    return length() > 0 ? Framing.LENGTH : Framing.NONE;
  }

  /** A response's body framing, given the request's method (RFC 9112 §6.3 items 1–8). */
  Framing responseFraming(String requestMethod) {
    int status = status();
    if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
      return Framing.NONE;
    }
    if (header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
      return Framing.CHUNKED;
    }
    if (!header("content-length").isEmpty()) {
      return length() > 0 ? Framing.LENGTH : Framing.NONE;
    }
    return Framing.UNTIL_CLOSE;
  }

  long length() {
    try {
      return Long.parseLong(header("content-length"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A request that waits for {@code 100 Continue} before sending its body (RFC 9110 §10.1.1). */
  boolean expectsContinue() {
    return header("expect").equalsIgnoreCase("100-continue");
  }

  /**
   * The head as it came, with any {@code Connection} field replaced by {@code connection}, and
   * without {@code Expect}: the front door answers that itself before it reads the body.
   */
  byte[] bytes(Optional<String> connection) {
    StringBuilder b = new StringBuilder(startLine).append("\r\n");
    for (String field : fields) {
      String lower = field.toLowerCase(Locale.ROOT);
      boolean isConnection = lower.startsWith("connection:");
      if (!field.isEmpty()
          && !lower.startsWith("expect:")
          && !(isConnection && connection.isPresent())) {
        b.append(field).append("\r\n");
      }
    }
    connection.ifPresent(c -> b.append("Connection: ").append(c).append("\r\n"));
    return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Copies the body framed by {@code framing} from {@code in} to {@code out} byte for byte. */
  void relayBody(Framing framing, InputStream in, OutputStream out) throws IOException {
    switch (framing) {
      case NONE -> {}
      case LENGTH -> copy(in, out, length());
      case UNTIL_CLOSE -> in.transferTo(out);
      case CHUNKED -> relayChunks(in, out);
    }
  }

  /** Chunk-size lines, chunks and the trailer section, as they are (RFC 9112 §7.1). */
  private static void relayChunks(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = line(in);
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String hex = sizeLine.split(";", 2)[0].trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("a chunk size that is not hexadecimal: " + hex, e);
      }
      if (size == 0) {
        String trailer;
        do {
          trailer = line(in);
          out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!trailer.isEmpty());
        return;
      }
      copy(in, out, size + 2); // the chunk and its CRLF
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed in the middle of a chunked body");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = buf.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      buf.write(b);
      previous = b;
    }
  }

  private static void copy(InputStream in, OutputStream out, long count) throws IOException {
    byte[] chunk = new byte[8192];
    long left = count;
    while (left > 0) {
      int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
      if (n < 0) {
        throw new IOException("the connection closed " + left + " bytes before the body's end");
      }
      out.write(chunk, 0, n);
      left -= n;
    }
  }
}
