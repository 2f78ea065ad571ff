package cd.chatrix.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * What `chatrixcd -L` shows at its default level when Semaphore goes away or refuses the token: a
 * WARN within one poll interval (the default, 10 s) while the bot is idle, naming the host and what
 * to check, and an INFO once it is back. The real app, configured by its file, logs here.
 */
class SemaphoreProblemsLogTest {
  /** The default plugins.semaphore_poll.poll_interval. */
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  /** The first request after the change may be one beat away, plus its timeout and retries. */
  private static final Duration SLACK = Duration.ofSeconds(4);

  private SemaphoreFaultRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  private void startIdle() {
    rig =
        SemaphoreFaultRig.start(
            config -> ((ObjectNode) config.get("plugins")).remove("semaphore_poll"));
    rig.replyTo(rig.say("!cd ping"));
  }

  @Test
  void aRefusedTokenIsWarnedAboutWithinOnePollInterval() {
    startIdle();
    Instant revoked = Instant.now();
    rig.sim.revokeToken(rig.sim.adminToken());

    ILoggingEvent warning = awaitWarning(revoked);
    assertThat(warning.getFormattedMessage())
        .contains(rig.sim.baseUri().toString())
        .contains("refuses the API token (HTTP 401")
        .contains("semaphore.api_token")
        .doesNotContain(rig.sim.adminToken());
  }

  @Test
  void semaphoreDownIsWarnedAboutWithinOnePollIntervalAndItsReturnIsSaid() {
    startIdle();
    Instant down = Instant.now();
    rig.sim.stopServing();

    ILoggingEvent warning = awaitWarning(down);
    assertThat(warning.getFormattedMessage())
        .contains(rig.sim.baseUri().toString())
        .containsAnyOf("cannot be reached", "push channel");

    Instant up = Instant.now();
    rig.sim.startServing();
    Awaitility.await("the log says Semaphore is back")
        .atMost(POLL_INTERVAL.plus(SLACK).plus(SLACK))
        .until(() -> !rig.recoveries(up).isEmpty());
    List<String> warnings =
        rig.problems(down).stream().map(ILoggingEvent::getFormattedMessage).toList();
    // At most one for the REST API and one for the push channel, however long it was down.
    assertThat(warnings).hasSizeBetween(1, 2);
  }

  /** The first warning since {@code since}, waited for up to one poll interval (and a little). */
  private ILoggingEvent awaitWarning(Instant since) {
    Awaitility.await("a warning about Semaphore within one poll interval")
        .atMost(POLL_INTERVAL.plus(SLACK))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !rig.problems(since).isEmpty());
    return rig.problems(since).getFirst();
  }
}
