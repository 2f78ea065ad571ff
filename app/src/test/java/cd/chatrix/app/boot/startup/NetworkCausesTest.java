package cd.chatrix.app.boot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the JDK's HTTP client really throws, on real sockets, read as words. */
class NetworkCausesTest {
  private final List<AutoCloseable> open = new ArrayList<>();
  // Generous: the JDK counts a TLS handshake into the connect timeout, and a cold TLS stack on a
  // busy CI machine took over 5 s once, which turned "plain HTTP" into "connecting timed out".
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    http.close();
  }

  private Throwable get(String url, Duration timeout) {
    return catchThrowable(() ->
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
            HttpResponse.BodyHandlers.discarding()));
  }

  private ServerSocket listening() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    open.add(socket);
    return socket;
  }

  @Test
  void aPortWithNothingBehindItIsRefused() throws IOException {
    int port;
    try (ServerSocket gone = new ServerSocket()) {
      gone.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = gone.getLocalPort();
    }
    Throwable failure = get("http://127.0.0.1:" + port + "/", Duration.ofSeconds(5));
    assertThat(NetworkCauses.describe(failure)).hasValue("connection refused");
  }

  @Test
  void aNameThatDoesNotResolveIsAnUnknownHost() {
    Throwable failure = get("http://chatrixcd-test.invalid/", Duration.ofSeconds(10));
    assertThat(NetworkCauses.describe(failure))
        .hasValueSatisfying(words -> assertThat(words).startsWith("unknown host"));
  }

  @Test
  void tlsToAPlainHttpPortSaysSo() throws IOException {
    ServerSocket plain = listening();
    Thread.ofVirtual()
        .start(() -> {
          try (Socket client = plain.accept()) {
            client.getInputStream().read(new byte[4096]);
            client
                .getOutputStream()
                .write(
                    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // the client went away
          }
        });
    Throwable failure =
        get("https://127.0.0.1:" + plain.getLocalPort() + "/", Duration.ofSeconds(30));
    assertThat(NetworkCauses.describe(failure))
        .hasValueSatisfying(words -> assertThat(words).contains("plain HTTP"));
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    ServerSocket silent = listening();
    Thread.ofVirtual()
        .start(() -> {
          try (Socket client = silent.accept();
              InputStream in = client.getInputStream()) {
            in.transferTo(OutputStreamSink.INSTANCE); // reads, never answers
          } catch (IOException e) {
            // the client gave up
          }
        });
    Throwable failure =
        get("http://127.0.0.1:" + silent.getLocalPort() + "/", Duration.ofMillis(300));
    assertThat(NetworkCauses.describe(failure)).hasValue("no answer in time");
  }

  @Test
  void aConnectionCutBeforeTheAnswerSaysSo() throws IOException {
    ServerSocket rude = listening();
    // Every connection (the client retries a GET once) is read from and closed unanswered.
    Thread.ofVirtual()
        .start(() -> {
          while (!rude.isClosed()) {
            try (Socket client = rude.accept()) {
              client.getInputStream().read(new byte[4096]);
            } catch (IOException e) {
              // closing is the point
            }
          }
        });
    Throwable failure = get("http://127.0.0.1:" + rude.getLocalPort() + "/", Duration.ofSeconds(5));
    assertThat(NetworkCauses.describe(failure))
        .hasValueSatisfying(words ->
            assertThat(words).isIn("the connection closed without an answer", "connection reset"));
  }

  @Test
  void somethingElseIsNoNetworkFailure() {
    assertThat(NetworkCauses.describe(new IllegalStateException("a bug"))).isEmpty();
  }

  /** Discards what it is given. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}
  }
}
