package cd.chatrix.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.testkit.semaphore.Faults;
import cd.chatrix.testkit.semaphore.Faults.Kind;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Every kind of outage the simulator can stage reaches the log once as a WARN that names the host,
 * the request and the cause, and once as an INFO when it is over, however many requests fail.
 */
class OutageLogTest {
  private static final Map<Kind, String> CAUSE =
      Map.of(
          Kind.NOT_FOUND, "HTTP 404",
          Kind.RATE_LIMITED, "HTTP 429",
          Kind.SERVER_ERROR, "HTTP 500",
          Kind.BAD_GATEWAY, "HTTP 502",
          Kind.CONNECTION_RESET, "connection",
          Kind.READ_TIMEOUT, "did not answer",
          Kind.ANSWER_LOST, "did not answer",
          Kind.NOT_JSON, "not Semaphore's",
          Kind.TOKEN_REFUSED, "HTTP 401");

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Outages.class);
  private SemaphoreSimulator sim;
  private SemaphoreClient client;

  @BeforeEach
  void start() {
    // The production default: INFO and above.
    logger.setLevel(Level.INFO);
    logs.start();
    logger.addAppender(logs);
    sim = SemaphoreSimulator.start();
    client =
        SemaphoreClient.create(
            SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400))
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50))));
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logs);
    logger.setLevel(null);
    client.close();
    sim.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"WS_REFUSE", "WS_DROP"},
      mode = EnumSource.Mode.EXCLUDE)
  void anOutageIsOneWarningAndItsEndOneInfo(Kind kind) {
    Faults.Fault fault = sim.faults().inject(kind, Faults.Endpoint.of("GET", "/api/info"));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(client::info).isInstanceOf(SemaphoreException.class);
    }
    client.projects(); // another endpoint working does not end the outage of this one
    assertThat(fault.hits()).isGreaterThanOrEqualTo(4);
    fault.lift();
    client.info();
    client.info();

    List<ILoggingEvent> warnings = at(Level.WARN);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.getFirst().getFormattedMessage())
        .contains(sim.baseUri().toString())
        .contains("GET /api/info")
        .contains(CAUSE.get(kind))
        .doesNotContain(sim.adminToken());
    assertThat(at(Level.INFO))
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("answers again"));
  }

  @Test
  void aRefusedTokenSaysWhichSettingToChange() {
    sim.revokeToken(sim.adminToken());
    assertThatThrownBy(client::info).isInstanceOf(SemaphoreException.Unauthorized.class);
    assertThatThrownBy(client::projects).isInstanceOf(SemaphoreException.Unauthorized.class);
    assertThat(at(Level.WARN))
        .singleElement()
        .satisfies(e ->
            assertThat(e.getFormattedMessage())
                .contains("refuses the API token (HTTP 401")
                .contains("semaphore.api_token"));
  }

  @Test
  void aRestartIsOneOutageAcrossEndpoints() {
    sim.stopServing();
    assertThatThrownBy(client::info).isInstanceOf(SemaphoreException.Unreachable.class);
    assertThatThrownBy(client::projects).isInstanceOf(SemaphoreException.Unreachable.class);
    sim.startServing();
    client.info();
    assertThat(at(Level.INFO)).isEmpty(); // the project list has not worked again yet
    client.projects();

    assertThat(at(Level.WARN))
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("connection refused"));
    assertThat(at(Level.INFO)).hasSize(1);
    assertThat(client.recoveries()).isEqualTo(1);
  }

  @Test
  void aRateLimitIsWaitedOutAsTheProxySays() {
    sim.faults().inject(Kind.RATE_LIMITED, Faults.Endpoint.of("GET", "/api/projects"), 1);
    long before = System.nanoTime();
    assertThat(client.projects()).isEmpty();
    // Retry-After: 1 is honoured up to the policy's cap (50 ms here), not ignored.
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(sim.requests().count("GET", "/api/projects")).isEqualTo(2);
  }

  @Test
  void aBodyThatIsNotJsonIsRetriedAndThenExplained() {
    sim.faults().inject(Kind.NOT_JSON, Faults.Endpoint.of("GET", "/api/projects"), 1);
    assertThat(client.projects()).isEmpty();
    sim.faults().inject(Kind.NOT_JSON, Faults.Endpoint.of("GET", "/api/projects"));
    assertThatThrownBy(client::projects)
        .isInstanceOf(SemaphoreException.ServerError.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void whatAProxySaysCountsAsTheServerFailingForReadiness() {
    java.util.List<RequestListener.Request> seen =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var listening =
        SemaphoreClient.create(
            SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken()))
                .withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)),
            seen::add)) {
      for (Kind kind : List.of(Kind.RATE_LIMITED, Kind.NOT_FOUND, Kind.NOT_JSON)) {
        Faults.Fault f = sim.faults().inject(kind, Faults.Endpoint.of("GET", "/api/projects"));
        assertThatThrownBy(listening::projects).isInstanceOf(SemaphoreException.ServerError.class);
        f.lift();
      }
      assertThatThrownBy(() -> listening.project(99))
          .isInstanceOf(SemaphoreException.NotFound.class);
    }
    assertThat(seen)
        .extracting(RequestListener.Request::outcome)
        .containsExactly(
            RequestListener.Outcome.SERVER_ERROR,
            RequestListener.Outcome.SERVER_ERROR,
            RequestListener.Outcome.SERVER_ERROR,
            RequestListener.Outcome.CLIENT_ERROR);
  }

  @Test
  void semaphoresOwnNotFoundIsAnAnswerNotAnOutage() {
    assertThatThrownBy(() -> client.project(99)).isInstanceOf(SemaphoreException.NotFound.class);
    assertThat(at(Level.WARN)).isEmpty();
  }

  private List<ILoggingEvent> at(Level level) {
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(1)).until(() -> true);
    return logs.list.stream().filter(e -> e.getLevel() == level).toList();
  }
}
