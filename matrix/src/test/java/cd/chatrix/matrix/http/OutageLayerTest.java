package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.testkit.matrix.Faults;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Against the test homeserver's outages: every attempt is seen, but one outage is one WARN (host,
 * endpoint, cause) and one INFO when it works again, however many attempts fail in between.
 */
class OutageLayerTest {
  private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger outagesLogger = (Logger) LoggerFactory.getLogger(Outages.class);
  private TestHomeserver hs;
  private TestUser alice;
  private HttpTransport transport;
  private String host;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start();
    alice = hs.registerUser("alice", "pw");
    URI base = hs.baseUri();
    host = base.getHost() + ":" + base.getPort();
    transport =
        HttpTransport.builder(base)
            .layer(
                new RetryLayer(
                    3, new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)), Sleeper.REAL))
            .layer(new OutageLayer(new Outages(), base))
            .build();
    outagesLogger.setLevel(Level.DEBUG);
    log.start();
    outagesLogger.addAppender(log);
  }

  @AfterEach
  void stop() {
    outagesLogger.detachAppender(log);
    outagesLogger.setLevel(null);
    transport.close();
    hs.close();
  }

  private MatrixRequest whoami() {
    return MatrixRequest.get(WHOAMI)
        .unauthenticated()
        .withHeader("Authorization", "Bearer " + alice.accessToken());
  }

  private List<String> lines(Level level) {
    return log.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void manyFailedAttemptsAreOneWarningAndOneLineWhenBack() {
    Faults.Outage outage = hs.faults().fail(Faults.Kind.SERVER_ERROR);
    for (int i = 0; i < 4; i++) {
      assertThat(transport.exchange(whoami()).status()).isEqualTo(500);
    }
    outage.lift();
    assertThat(transport.exchange(whoami()).status()).isEqualTo(200);
    transport.exchange(whoami());

    assertThat(outage.hits()).isEqualTo(12);
    assertThat(lines(Level.WARN))
        .containsExactly(
            "Matrix server "
                + host
                + ": GET "
                + WHOAMI
                + " fails: HTTP 500 M_UNKNOWN (Injected failure.). Retrying with back-off; a line"
                + " follows when it works again.");
    assertThat(lines(Level.INFO)).hasSize(1);
    assertThat(lines(Level.INFO).getFirst())
        .startsWith("Matrix server " + host + ": GET " + WHOAMI + " works again after ")
        .endsWith("(12 failed attempts)");
  }

  @Test
  void aBadGatewayPageIsNamedAsSuch() {
    try (Faults.Outage outage = hs.faults().fail(Faults.Kind.BAD_GATEWAY_HTML)) {
      transport.exchange(whoami());
    }
    assertThat(lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("HTTP 502 with a text/html page");
  }

  @Test
  void aTwoHundredThatIsNotJsonBecomesABadGatewayAndIsRetried() {
    Faults.Outage outage = hs.faults().fail(Faults.Kind.NOT_JSON);
    HttpResult result = transport.exchange(whoami());
    assertThat(result.status()).isEqualTo(502);
    assertThat(result.error().message()).get().asString().contains("text/html instead of JSON");
    assertThat(outage.hits()).isEqualTo(3);
    outage.lift();
    assertThat(transport.call(whoami()).path("user_id").asString()).isEqualTo(alice.userId());
    assertThat(lines(Level.WARN)).hasSize(1);
    assertThat(lines(Level.INFO)).hasSize(1);
  }

  @Test
  void rateLimitsAreAnOutageWithTheWait() {
    try (Faults.Outage outage = hs.faults().rateLimited(30)) {
      transport.exchange(whoami());
    }
    transport.exchange(whoami());
    assertThat(lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("rate-limited (HTTP 429, asked to wait 30 ms)");
    assertThat(lines(Level.INFO)).hasSize(1);
  }

  @Test
  void aRequestCutShortByOurOwnStopIsNoOutage() throws Exception {
    try (Faults.Outage held = hs.faults().fail(Faults.Kind.READ_TIMEOUT)) {
      java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread caller =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  transport.exchange(whoami());
                } catch (RuntimeException e) {
                  thrown.set(e);
                }
              });
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (hs.requests().stream().noneMatch(r -> r.path().equals(WHOAMI))) {
        assertThat(System.nanoTime()).as("the request reaches the server").isLessThan(deadline);
        Thread.sleep(20);
      }
      caller.interrupt(); // what stopping the bot does to a request in flight
      caller.join(Duration.ofSeconds(10));
      assertThat(thrown.get()).isInstanceOf(TransportException.class);
    }
    assertThat(lines(Level.WARN)).as("stopping is not the server failing").isEmpty();
  }

  @Test
  void noConnectionIsNamedWithTheRealCause() {
    try (Faults.Outage outage = hs.faults().fail(Faults.Kind.CONNECTION_RESET)) {
      assertThatThrownBy(() ->
              transport.exchange(
                  MatrixRequest.postJson("/_matrix/client/v3/createRoom", java.util.Map.of())
                      .unauthenticated()
                      .withHeader("Authorization", "Bearer " + alice.accessToken())))
          .isInstanceOf(TransportException.class);
    }
    assertThat(lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("POST /_matrix/client/v3/createRoom fails: " + host + " closed the connection");
  }

  @Test
  void unrecognizedIsAnOutageOnlyForAnEndpointThatWorkedBefore() {
    try (Faults.Outage never = hs.faults().fail(Faults.Kind.UNRECOGNIZED)) {
      assertThat(transport.exchange(whoami()).status()).isEqualTo(404);
    }
    assertThat(lines(Level.WARN)).isEmpty();
    transport.exchange(whoami());
    try (Faults.Outage now = hs.faults().fail(Faults.Kind.UNRECOGNIZED)) {
      transport.exchange(whoami());
      transport.exchange(whoami());
    }
    transport.exchange(whoami());
    assertThat(lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("no longer knows this endpoint");
    assertThat(lines(Level.INFO)).hasSize(1);
  }

  @Test
  void ordinaryRefusalsAreNoOutage() {
    MatrixRequest missing =
        MatrixRequest.get("/_matrix/client/v3/rooms/%21nope%3Ax/state/m.room.encryption/")
            .unauthenticated()
            .withHeader("Authorization", "Bearer " + alice.accessToken());
    assertThat(transport.exchange(missing).status()).isBetween(400, 499);
    assertThat(log.list).isEmpty();
  }

  @Test
  void mediaDownloadsAreNotExpectedToBeJson() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
    String mxc = alice.upload(png, "image/png", "a.png");
    String path = "/_matrix/client/v1/media/download/" + mxc.substring("mxc://".length());
    HttpResult result =
        transport.exchange(
            MatrixRequest.get(path)
                .unauthenticated()
                .withHeader("Authorization", "Bearer " + alice.accessToken()));
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.body()).isEqualTo(png);
    assertThat(log.list).isEmpty();
  }
}
