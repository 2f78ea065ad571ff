package cd.chatrix.semaphore.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.testkit.semaphore.Faults;
import cd.chatrix.testkit.semaphore.Faults.Kind;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A push channel that is refused, or cut as soon as it opens, is one WARN, reconnects with growing
 * pauses (not in a loop), and one INFO once a connection stays open again.
 */
class PushOutageTest {
  private static final Duration RECONNECT_MIN = Duration.ofMillis(100);
  private static final Duration FAULT = Duration.ofSeconds(3);

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(PushHealth.class);

  @BeforeEach
  void capture() {
    logger.setLevel(Level.INFO);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
    logger.setLevel(null);
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"WS_REFUSE", "WS_DROP"})
  void aBrokenPushChannelIsOneWarningAndItsReturnOneInfo(Kind kind) throws Exception {
    try (var sim = SemaphoreSimulator.start();
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())));
        var listener =
            new PushListener(
                client, new Quiet(), RECONNECT_MIN, Duration.ofSeconds(5), Duration.ofMinutes(2))) {
      listener.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> sim.websocketCount() == 1);
      // A connection that has been working a while (one dropped at once counts as unstable).
      Thread.sleep(PushListener.STABLE.toMillis() + 300);

      Faults.Fault fault = sim.faults().inject(kind, Faults.Endpoint.websocket());
      Thread.sleep(FAULT.toMillis());
      long attempts = fault.hits();
      fault.lift();
      await().atMost(Duration.ofSeconds(15)).until(() -> !listener.troubled());

      // 100 ms doubling to 5 s: about 5 tries in 3 s; a loop without back-off would make hundreds.
      assertThat(attempts).isBetween(2L, 8L);
      List<ILoggingEvent> events = List.copyOf(logs.list);
      assertThat(events.stream().filter(e -> e.getLevel() == Level.WARN))
          .singleElement()
          .satisfies(e ->
              assertThat(e.getFormattedMessage())
                  .contains(sim.baseUri().toString())
                  .contains("/api/ws")
                  .contains(kind == Kind.WS_REFUSE ? "HTTP 503" : "closing right after it opens"));
      assertThat(events.stream().filter(e -> e.getLevel() == Level.INFO))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("works again"));
      assertThat(sim.websocketCount()).isEqualTo(1);
    }
  }

  @Test
  void aChannelCutAfterItDeliveredIsNoWarning() throws Exception {
    try (var sim = SemaphoreSimulator.start();
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())))) {
      int project = sim.createProject("infra");
      int task =
          sim.seedTasks(
                  project,
                  sim.createTemplate(project, TemplateSpec.ansible("deploy")),
                  1,
                  "running")
              .getFirst();
      AtomicInteger received = new AtomicInteger();
      var counting =
          new PushListener.Handler() {
            @Override
            public void connected() {}

            @Override
            public void disconnected(String reason) {}

            @Override
            public void message(PushMessage message) {
              received.incrementAndGet();
            }
          };
      try (var listener =
          new PushListener(
              client, counting, RECONNECT_MIN, Duration.ofSeconds(5), Duration.ofMinutes(2))) {
        listener.start();
        // Twice running, well inside the first second of a connection: a message arrives, then
        // the server cuts the channel without a close frame, as its hub does to a client that
        // fell behind a burst of output.
        for (int cut = 1; cut <= 3; cut++) {
          await().atMost(Duration.ofSeconds(10)).until(() -> sim.websocketCount() == 1);
          int before = received.get();
          sim.appendOutput(task, "TASK [cut " + cut + "]");
          await().atMost(Duration.ofSeconds(10)).until(() -> received.get() > before);
          sim.dropWebsockets();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.websocketCount() == 1);
        assertThat(listener.troubled()).isFalse();
      }
      assertThat(sim.requests().count("GET", "/api/ws")).isGreaterThanOrEqualTo(4);
      assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }
  }

  private static final class Quiet implements PushListener.Handler {
    @Override
    public void connected() {}

    @Override
    public void disconnected(String reason) {}

    @Override
    public void message(PushMessage message) {}
  }
}
