package cd.chatrix.testkit.semaphore;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.Faults.Endpoint;
import cd.chatrix.testkit.semaphore.Faults.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests on one raw socket, as a keep-alive client sends them: the simulator answers each on the
 * same connection (Semaphore's Go server keeps connections alive), faults still hit single
 * requests, and {@code Connection: close} is honoured.
 */
class FrontDoorKeepAliveTest {
  private SemaphoreSimulator sim;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  @BeforeEach
  void start() throws IOException {
    sim = SemaphoreSimulator.start();
    socket = new Socket(InetAddress.getLoopbackAddress(), sim.baseUri().getPort());
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  @AfterEach
  void stop() throws IOException {
    socket.close();
    sim.close();
  }

  @Test
  void oneConnectionCarriesRequestsWithAndWithoutBodies() throws IOException {
    send("GET /api/ping HTTP/1.1\r\nHost: sim\r\n\r\n");
    assertThat(answer()).startsWith("HTTP/1.1 200").endsWith("pong");
    String project = "{\"name\":\"infra\"}";
    send(
        "POST /api/projects HTTP/1.1\r\nHost: sim\r\nAuthorization: Bearer "
            + sim.adminToken()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + project.length()
            + "\r\n\r\n"
            + project);
    assertThat(answer()).startsWith("HTTP/1.1 201").contains("\"infra\"");
    send(
        "GET /api/projects HTTP/1.1\r\nHost: sim\r\nAuthorization: Bearer "
            + sim.adminToken()
            + "\r\n\r\n");
    assertThat(answer()).startsWith("HTTP/1.1 200").contains("\"infra\"");
    assertThat(sim.requests().matching(r -> r.path().equals("/api/projects")))
        .extracting(RecordedRequest::method, RecordedRequest::body)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", project),
            org.assertj.core.groups.Tuple.tuple("GET", ""));
  }

  @Test
  void aChunkedRequestBodyIsPassedOnWhole() throws IOException {
    send(
        "POST /api/projects HTTP/1.1\r\nHost: sim\r\nAuthorization: Bearer "
            + sim.adminToken()
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\n{\"name\":\r\n8\r\n\"chunky\"\r\n1\r\n}\r\n0\r\n\r\n");
    assertThat(answer()).startsWith("HTTP/1.1 201").contains("\"chunky\"");
    send("GET /api/ping HTTP/1.1\r\nHost: sim\r\n\r\n");
    assertThat(answer()).endsWith("pong");
  }

  @Test
  void aClientThatWaitsForContinueGetsItThenItsAnswer() throws IOException {
    String project = "{\"name\":\"patient\"}";
    send(
        "POST /api/projects HTTP/1.1\r\nHost: sim\r\nAuthorization: Bearer "
            + sim.adminToken()
            + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
            + project.length()
            + "\r\n\r\n");
    assertThat(answer()).startsWith("HTTP/1.1 100 Continue");
    send(project);
    assertThat(answer()).startsWith("HTTP/1.1 201").contains("\"patient\"");
  }

  @Test
  void aFaultHitsOneRequestAndEndsItsConnection() throws IOException {
    sim.faults().inject(Kind.BAD_GATEWAY, Endpoint.of("GET", "/api/info"), 1);
    send("GET /api/ping HTTP/1.1\r\nHost: sim\r\n\r\n");
    assertThat(answer()).endsWith("pong");
    send("GET /api/info HTTP/1.1\r\nHost: sim\r\n\r\n");
    String bad = answer();
    assertThat(bad).startsWith("HTTP/1.1 502").containsIgnoringCase("connection: close");
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void aClientThatAsksToCloseIsAnsweredAndClosed() throws IOException {
    send("GET /api/ping HTTP/1.1\r\nHost: sim\r\nConnection: close\r\n\r\n");
    String pong = answer();
    assertThat(pong).containsIgnoringCase("connection: close").endsWith("pong");
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void stoppingTheServerCutsKeptConnections() throws IOException {
    send("GET /api/ping HTTP/1.1\r\nHost: sim\r\n\r\n");
    assertThat(answer()).endsWith("pong");
    sim.stopServing();
    int read;
    try {
      read = in.read();
    } catch (java.net.SocketException reset) {
      read = -1;
    }
    assertThat(read).isEqualTo(-1);
  }

  private void send(String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** One answer framed by Content-Length (the simulator's API always sends one), head and body. */
  private String answer() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer; so far: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
