package cd.chatrix.testkit.semaphore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Writes what an injected {@link Faults.Kind} answers on the raw socket, after the request has been
 * read. The HTML pages are shaped like nginx's built-in error pages (the most common proxy in front
 * of Semaphore); the JSON ones like Semaphore's own empty-bodied errors.
 */
final class FaultAnswers {
  /** A silent read is let go after this long even if nobody lifts the fault. */
  private static final long HOLD_LIMIT_MILLIS = 120_000;

  private FaultAnswers() {}

  /**
   * Answers (or not) on {@code client}; returns the status recorded for it, 0 when none was sent.
   */
  static int serve(Socket client, InputStream in, Faults.Fault fault) throws IOException {
    return switch (fault.kind()) {
      case NOT_FOUND ->
          write(client, 404, "Not Found", "text/plain; charset=utf-8", "", "Not Found\n");
      case RATE_LIMITED ->
          write(
              client,
              429,
              "Too Many Requests",
              "text/html",
              "Retry-After: 1\r\n",
              nginxPage("429 Too Many Requests"));
      case SERVER_ERROR -> write(client, 500, "Internal Server Error", "application/json", "", "");
      case BAD_GATEWAY ->
          write(client, 502, "Bad Gateway", "text/html", "", nginxPage("502 Bad Gateway"));
      case NOT_JSON ->
          write(
              client,
              200,
              "OK",
              "text/html; charset=utf-8",
              "",
              "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                  + "<body><form method=\"post\"><input name=\"user\"></form></body></html>");
      case TOKEN_REFUSED -> write(client, 401, "Unauthorized", "application/json", "", "");
      case CONNECTION_RESET -> {
        client.setSoLinger(true, 0); // close() now sends RST instead of FIN
        yield 0;
      }
      case READ_TIMEOUT, ANSWER_LOST -> {
        hold(client, in, fault);
        yield 0;
      }
      case WS_REFUSE ->
          write(
              client,
              503,
              "Service Unavailable",
              "text/html",
              "",
              nginxPage("503 Service Temporarily Unavailable"));
      case WS_DROP -> 0;
    };
  }

  /** Reads nothing useful and answers nothing until the client leaves or the fault is lifted. */
  private static void hold(Socket client, InputStream in, Faults.Fault fault) throws IOException {
    client.setSoTimeout(100);
    long until = System.currentTimeMillis() + HOLD_LIMIT_MILLIS;
    while (!fault.lifted() && System.currentTimeMillis() < until) {
      try {
        if (in.read() < 0) {
          return;
        }
      } catch (SocketTimeoutException e) {
        // Still there; keep it waiting.
      }
    }
  }

  private static String nginxPage(String title) {
    return "<html>\r\n<head><title>"
        + title
        + "</title></head>\r\n<body>\r\n<center><h1>"
        + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  private static int write(
      Socket client, int status, String reason, String type, String extra, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + reason
                + "\r\nContent-Type: "
                + type
                + "\r\nContent-Length: "
                + bytes.length
                + "\r\n"
                + extra
                + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
    return status;
  }
}
