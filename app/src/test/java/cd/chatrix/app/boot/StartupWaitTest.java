package cd.chatrix.app.boot;

import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.StartingApp.Readiness;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.testkit.matrix.RecordedRequest;
import cd.chatrix.testkit.net.Switchboard;
import cd.chatrix.testkit.oidc.TestOidcIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Start-up against servers that are not there yet, or that refuse the bot: the real application
 * in-process, the test homeserver and Semaphore simulator on real sockets, and a {@link
 * Switchboard} where a server must be missing first and then appear at the same address.
 */
class StartupWaitTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  private DemoSandbox sandbox;
  private StartingApp app;

  @BeforeEach
  void startServers() {
    sandbox = DemoSandbox.start();
  }

  @AfterEach
  void stopEverything() {
    if (app != null) {
      app.close();
    }
    sandbox.close();
  }

  @Test
  void aHomeserverDownFor20SecondsThenUpIsServedWithoutARestart() throws Exception {
    try (Switchboard door = Switchboard.off(sandbox.homeserver().baseUri())) {
      int opsPort = freePort();
      String hs = door.uri().getRawAuthority();
      long started = System.nanoTime();
      app =
          start(c -> {
            matrix(c).put("homeserver", door.uri().toString());
            opsEndpoint(c, opsPort);
          });

      // While the homeserver is away: unready, and the reason says what and why.
      Readiness waiting =
          StartingApp.awaitReadyz(
              opsPort,
              "/readyz names the missing homeserver",
              PATIENCE,
              r -> r.body().contains("waiting for the homeserver at " + hs));
      assertThat(waiting.status()).isEqualTo(503);
      assertThat(waiting.body()).contains("connection refused").contains("\"startup\"");
      assertThat(app.ended()).isFalse();

      Thread.sleep(Math.max(0, OUTAGE.toMillis() - millisSince(started)));
      assertThat(app.ended()).as("still waiting after the outage: %s", app.stderr()).isFalse();
      door.on();

      Awaitility.await("/readyz turns ready once the homeserver answers")
          .atMost(PATIENCE)
          .until(() -> StartingApp.readyz(opsPort).map(Readiness::status).orElse(0) == 200);
      String ping = sandbox.person().sendText(sandbox.roomId(), "!cd ping");
      JsonNode answer =
          sandbox
              .person()
              .awaitEvent(
                  sandbox.roomId(),
                  e ->
                      sandbox.botUserId().equals(e.path("sender").asString(""))
                          && repliesTo(ping).test(e),
                  PATIENCE);
      assertThat(answer.path("content").path("body").asString("")).isNotBlank();

      assertThat(app.logged("WARN", "the homeserver at " + hs))
          .as("one WARN for the whole outage")
          .hasSize(1)
          .allSatisfy(line -> assertThat(line).contains("connection refused"));
      assertThat(app.logged("INFO", "Reached the homeserver at " + hs)).hasSize(1);

      app.requestStop();
      assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_OK);
    }
  }

  @Test
  void aFirstSyncThatKeepsFailingIsWaitedForAndNobodyIsGreetedMeanwhile() {
    int opsPort = freePort();
    sandbox.homeserver().faults().on("/_matrix/client/v3/sync").failNext(10_000, 503);
    app = start(c -> opsEndpoint(c, opsPort));

    Awaitility.await("/readyz says the first sync is awaited")
        .atMost(PATIENCE)
        .until(() ->
            StartingApp.readyz(opsPort)
                .map(r -> r.status() == 503 && r.body().contains("waiting for the first sync"))
                .orElse(false));
    Awaitility.await("the homeserver turned several syncs away")
        .atMost(PATIENCE)
        .until(() -> syncs() >= 3);
    assertThat(app.ended()).as("still starting: %s", app.stderr()).isFalse();
    assertThat(botMessages()).as("no greeting before the first sync").isZero();

    sandbox.homeserver().faults().clear();

    Awaitility.await("/readyz turns ready once a sync comes through")
        .atMost(PATIENCE)
        .until(() -> StartingApp.readyz(opsPort).map(Readiness::status).orElse(0) == 200);
    Awaitility.await("the bot greets its room").atMost(PATIENCE).until(() -> botMessages() > 0);
  }

  @Test
  void anUnknownHostIsNamedInAWarningAndWaitedForUntilAStop() {
    int opsPort = freePort();
    String host = "chatrixcd-no-such-homeserver.invalid:8448";
    app =
        start(c -> {
          matrix(c).put("homeserver", "http://" + host);
          opsEndpoint(c, opsPort);
        });

    // The transport names the failing request; the start-up wait then says what it waits for.
    Awaitility.await("a WARN says the start waits for the host, and why")
        .atMost(PATIENCE)
        .until(() -> !app.logged("WARN", "the homeserver at " + host).isEmpty());
    assertThat(app.logged("WARN", "the homeserver at " + host))
        .singleElement()
        .asString()
        .contains("unknown host");
    assertThat(app.logged("WARN", host)).allSatisfy(line -> assertThat(line).contains("unknown"));
    Readiness readiness = StartingApp.readyz(opsPort).orElseThrow();
    assertThat(readiness.status()).isEqualTo(503);
    assertThat(readiness.body()).contains("waiting for the homeserver at " + host);
    assertThat(app.ended()).as("it keeps waiting").isFalse();

    app.requestStop();
    assertThat(app.awaitExit(Duration.ofSeconds(30))).isEqualTo(Application.EXIT_OK);
    assertThat(app.stderr()).isEmpty();
  }

  @Test
  void aWrongPasswordIsAConfigurationErrorThatNamesTheKey() {
    app = start(c -> matrix(c).put("password", "not-the-bot-password"));

    assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_CONFIG);
    assertThat(app.stderr())
        .contains("matrix.password")
        .contains("M_FORBIDDEN")
        .doesNotContain("not-the-bot-password");
    assertThat(app.logged("WARN", "Waiting for")).isEmpty();
  }

  @Test
  void anAccessTokenTheHomeserverDoesNotKnowIsAConfigurationError() {
    app =
        start(c -> {
          ObjectNode m = matrix(c);
          m.remove("password");
          m.put("auth_type", "token").put("access_token", "syt_Y2hhdHJpeGNk_unknownToken_0a1b2c");
        });

    assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_CONFIG);
    assertThat(app.stderr()).contains("matrix.access_token").contains("M_UNKNOWN_TOKEN");
  }

  @Test
  void clientCredentialsTheIdentityProviderRefusesAreAConfigurationError() {
    try (TestOidcIssuer issuer = TestOidcIssuer.start()) {
      issuer.registerClient("chatrixcd-bot", "the-right-client-secret");
      app =
          start(c -> {
            ObjectNode m = matrix(c);
            m.remove("password");
            m.put("auth_type", "oidc")
                .put("oidc_issuer", issuer.issuerUri().toString())
                .put("oidc_client_id", "chatrixcd-bot")
                .put("oidc_client_secret", "a-wrong-client-secret");
          });

      assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_CONFIG);
      assertThat(app.stderr())
          .contains("invalid_client")
          .contains("matrix.oidc_client_secret")
          .doesNotContain("a-wrong-client-secret");
    }
  }

  @Test
  void tlsToAPlainHttpPortIsNamedAsSuchAndWaitedFor() throws IOException {
    try (PlainHttpPort port = PlainHttpPort.start()) {
      String plain = "127.0.0.1:" + port.port();
      app = start(c -> matrix(c).put("homeserver", "https://" + plain));
      awaitPlainHttpWarning(plain);
    }
  }

  private void awaitPlainHttpWarning(String plain) {

    Awaitility.await("a WARN says the port speaks plain HTTP")
        .atMost(PATIENCE)
        .until(() -> !app.logged("WARN", "the homeserver at " + plain).isEmpty());
    assertThat(app.logged("WARN", "the homeserver at " + plain))
        .singleElement()
        .asString()
        .contains("plain HTTP");
    assertThat(app.ended()).isFalse();

    app.requestStop();
    assertThat(app.awaitExit(Duration.ofSeconds(30))).isEqualTo(Application.EXIT_OK);
  }

  @Test
  void aSemaphoreThatRefusesTheTokenAtStartIsAConfigurationError() {
    app = start(c -> semaphore(c).put("api_token", "revoked-token-6d0b1e"));

    assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_CONFIG);
    assertThat(app.stderr()).contains("semaphore.api_token").contains("401");
  }

  @Test
  void aSemaphoreThatRefusesTheTokenEndsAStartStillWaitingForTheHomeserver() {
    try (Switchboard door = Switchboard.off(sandbox.homeserver().baseUri())) {
      app =
          start(c -> {
            matrix(c).put("homeserver", door.uri().toString());
            semaphore(c).put("api_token", "revoked-token-6d0b1e");
          });

      assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_CONFIG);
      assertThat(app.stderr()).contains("semaphore.api_token");
    }
  }

  @Test
  void aSemaphoreThatIsAwayAtStartDoesNotHoldTheBotBack() {
    try (Switchboard door = Switchboard.off(sandbox.semaphore().baseUri())) {
      int opsPort = freePort();
      app =
          start(c -> {
            semaphore(c).put("url", door.uri().toString());
            opsEndpoint(c, opsPort);
          });

      Readiness served =
          StartingApp.awaitReadyz(
              opsPort,
              "start-up is over although Semaphore is away",
              PATIENCE,
              r -> !r.body().contains("\"startup\""));
      assertThat(served.status()).isEqualTo(503);
      assertThat(served.body()).contains("\"semaphore\"");

      String ping = sandbox.person().sendText(sandbox.roomId(), "!cd ping");
      JsonNode answer =
          sandbox
              .person()
              .awaitEvent(
                  sandbox.roomId(),
                  e ->
                      sandbox.botUserId().equals(e.path("sender").asString(""))
                          && repliesTo(ping).test(e),
                  PATIENCE);
      assertThat(answer.path("content").path("body").asString("")).isNotBlank();
      assertThat(app.ended()).isFalse();
    }
  }

  @Test
  void anHttpBindThisMachineDoesNotHaveIsAConfigurationErrorFoundBeforeLoggingIn() {
    long loginsBefore = logins();
    app =
        start(c -> {
          opsEndpoint(c, freePort());
          ((ObjectNode) c.get("http")).put("bind", "192.0.2.1"); // TEST-NET-1, never local
        });

    assertThat(app.awaitExit(PATIENCE)).isEqualTo(Application.EXIT_CONFIG);
    assertThat(app.stderr()).contains("http.bind").contains("192.0.2.1");
    assertThat(logins()).as("the bot never tried to log in").isEqualTo(loginsBefore);
  }

  // --- helpers --------------------------------------------------------------------------------

  /**
   * A plain-HTTP port as a web server has one: whatever arrives is read as a (broken) request and
   * answered with a plain 400, as nginx and Synapse's Twisted server do with a TLS ClientHello.
   */
  private static final class PlainHttpPort implements AutoCloseable {
    private final ServerSocket socket;

    private PlainHttpPort(ServerSocket socket) {
      this.socket = socket;
    }

    static PlainHttpPort start() throws IOException {
      ServerSocket socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      PlainHttpPort port = new PlainHttpPort(socket);
      Thread.ofVirtual().start(port::serve);
      return port;
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (java.net.Socket client = socket.accept()) {
          client.getInputStream().read(new byte[4096]);
          client
              .getOutputStream()
              .write(
                  "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // closed, or the client went away
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private long syncs() {
    return sandbox.homeserver().requests().stream()
        .map(RecordedRequest::path)
        .filter(p -> p.endsWith("/sync"))
        .count();
  }

  private long botMessages() {
    return sandbox.person().timeline(sandbox.roomId()).stream()
        .filter(e -> sandbox.botUserId().equals(e.path("sender").asString("")))
        .filter(e -> "m.room.message".equals(e.path("type").asString("")))
        .count();
  }

  private long logins() {
    return sandbox.homeserver().requests().stream()
        .map(RecordedRequest::path)
        .filter(p -> p.endsWith("/login"))
        .count();
  }

  private StartingApp start(Consumer<ObjectNode> adjust) {
    Path config = sandbox.writeConfig(adjust);
    return StartingApp.run(config, sandbox.workDir().resolve("chatrixcd.log"));
  }

  private static ObjectNode matrix(ObjectNode config) {
    return (ObjectNode) config.get("matrix");
  }

  private static ObjectNode semaphore(ObjectNode config) {
    return (ObjectNode) config.get("semaphore");
  }

  private static void opsEndpoint(ObjectNode config, int port) {
    config.putObject("http").put("enabled", true).put("bind", "127.0.0.1").put("port", port);
  }

  private static long millisSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
