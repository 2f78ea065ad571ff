package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each cause a start-up or an outage meets, produced with real sockets on this machine, must come
 * out as a sentence that names the host and what happened.
 */
class TransportExceptionTest {
  private final ExecutorService servers = Executors.newVirtualThreadPerTaskExecutor();
  private ServerSocket raw;
  private HttpServer plain;

  @AfterEach
  void stop() throws IOException {
    if (raw != null) {
      raw.close();
    }
    if (plain != null) {
      plain.stop(0);
    }
    servers.shutdownNow();
  }

  @Test
  void aClosedPortIsARefusedConnection() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    TransportException e = fail("http://127.0.0.1:" + port, MatrixRequest.get("/x"));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.REFUSED);
    assertThat(e.getMessage())
        .isEqualTo(
            "GET /x: connection refused by 127.0.0.1:"
                + port
                + " (is the server running and listening there?)");
    assertThat(e.reason()).startsWith("connection refused by 127.0.0.1:" + port);
  }

  @Test
  void anUnresolvableNameIsAnUnknownHost() {
    TransportException e = fail("https://chatrixcd-test.invalid", MatrixRequest.get("/x"));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.UNKNOWN_HOST);
    assertThat(e.reason()).startsWith("unknown host chatrixcd-test.invalid");
  }

  @Test
  void tlsToAPlainServerThatWaitsSaysItSpeaksPlainHttp() throws IOException {
    plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    plain.createContext("/", x -> x.sendResponseHeaders(200, -1));
    plain.start();
    int port = plain.getAddress().getPort();
    TransportException e = fail("https://127.0.0.1:" + port, MatrixRequest.get("/x"));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.TLS_TO_PLAIN);
    assertThat(e.reason()).contains("127.0.0.1:" + port).contains("plain HTTP").contains("http://");
  }

  @Test
  void tlsToAPlainServerThatAnswers400SaysItSpeaksPlainHttp() throws IOException {
    int port = rawServer(in -> "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    TransportException e = fail("https://127.0.0.1:" + port, MatrixRequest.get("/x"));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.TLS_TO_PLAIN);
    assertThat(e.reason()).contains("plain HTTP");
  }

  @Test
  void plainHttpToATlsServerSaysUseHttps() throws IOException {
    // A TLS server answers a request line it cannot read with an alert record (type 0x15).
    int port = rawServer(in -> "\u0015\u0003\u0003\u0000\u0002\u0002\u0046");
    TransportException e =
        fail("http://127.0.0.1:" + port, MatrixRequest.postJson("/x", java.util.Map.of()));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.PLAIN_TO_TLS);
    assertThat(e.reason()).contains("https://");
  }

  @Test
  void aResetConnectionIsNamed() throws IOException {
    raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.execute(() -> {
      while (!raw.isClosed()) {
        try (Socket s = raw.accept()) {
          readWholeRequest(s);
          s.setSoLinger(true, 0); // close with RST
        } catch (IOException closed) {
          return;
        }
      }
    });
    TransportException e =
        fail(
            "http://127.0.0.1:" + raw.getLocalPort(),
            MatrixRequest.postJson("/x", java.util.Map.of()));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.RESET);
    assertThat(e.reason())
        .isEqualTo("the connection to 127.0.0.1:" + raw.getLocalPort() + " was reset");
  }

  @Test
  void aServerThatNeverAnswersIsATimeoutWithTheWait() throws IOException {
    int port = rawServer(in -> null);
    TransportException e =
        fail(
            "http://127.0.0.1:" + port,
            MatrixRequest.get("/x").withTimeout(Duration.ofMillis(300)));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.READ_TIMEOUT);
    assertThat(e.reason()).isEqualTo("no answer from 127.0.0.1:" + port + " within 300 ms");
  }

  @Test
  void aConnectionClosedWithoutAnAnswerIsNamed() throws IOException {
    int port = rawServer(in -> "");
    TransportException e =
        fail("http://127.0.0.1:" + port, MatrixRequest.postJson("/x", java.util.Map.of()));
    assertThat(kind(e)).isEqualTo(ConnectionProblem.Kind.CLOSED);
    assertThat(e.reason()).startsWith("127.0.0.1:" + port + " closed the connection");
  }

  @Test
  void theMessageNeverCarriesTheQuery() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    TransportException e =
        fail(
            "http://127.0.0.1:" + port,
            MatrixRequest.get("/x?access_token=secret-token").withQuery("access_token", "s2"));
    assertThat(e.getMessage()).doesNotContain("secret-token").doesNotContain("s2");
    TransportException bare =
        new TransportException("GET /y?access_token=secret-token", new IOException("boom"));
    assertThat(bare.getMessage()).doesNotContain("secret-token").contains("boom");
  }

  /** Reads until the request has fully arrived, so the reset meets the client reading. */
  private static void readWholeRequest(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    in.read(new byte[4096]);
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    while (in.available() > 0) {
      in.read(new byte[4096]);
    }
  }

  private static ConnectionProblem.Kind kind(TransportException e) {
    return e.problem().orElseThrow().kind();
  }

  private static TransportException fail(String base, MatrixRequest request) {
    try (HttpTransport transport =
        HttpTransport.builder(URI.create(base)).connectTimeout(Duration.ofMillis(700)).build()) {
      return catchThrowableOfType(
          TransportException.class, () -> transport.exchange(request.unauthenticated()));
    }
  }

  /** What a raw server writes after reading a request: null writes nothing and keeps it open. */
  private interface Answer {
    String after(InputStream request) throws IOException;
  }

  private int rawServer(Answer answer) throws IOException {
    raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.execute(() -> {
      while (!raw.isClosed()) {
        try {
          Socket s = raw.accept();
          servers.execute(() -> serve(s, answer));
        } catch (IOException closed) {
          return;
        }
      }
    });
    return raw.getLocalPort();
  }

  private static void serve(Socket s, Answer answer) {
    try (s) {
      InputStream in = s.getInputStream();
      in.read(new byte[4096]);
      String reply = answer.after(in);
      if (reply == null) {
        Thread.sleep(Duration.ofSeconds(30));
        return;
      }
      OutputStream out = s.getOutputStream();
      out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException | InterruptedException e) {
      // The client went away; nothing to do.
    }
  }
}
