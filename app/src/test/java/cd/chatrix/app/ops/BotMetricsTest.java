package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.ops.BotMetrics.ApprovalDecision;
import cd.chatrix.app.ops.BotMetrics.RunOutcome;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.semaphore.RequestListener.Outcome;
import cd.chatrix.semaphore.RequestListener.Request;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BotMetricsTest {
  private static final Duration FAST = Duration.ofMillis(5);

  private final BotMetrics metrics = new BotMetrics();

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape());
  }

  private static Request request(String endpoint, int status, Outcome outcome, Duration took) {
    return new Request("GET", endpoint, status, outcome, took);
  }

  @Test
  void countsCommandsByNameAndOutcome() {
    metrics.commandHandled("run", CommandOutcome.OK, FAST, java.time.Duration.ZERO);
    metrics.commandHandled("run", CommandOutcome.OK, FAST, java.time.Duration.ZERO);
    metrics.commandHandled("Status", CommandOutcome.DENIED, FAST, java.time.Duration.ZERO);
    metrics.commandHandled("unknown", CommandOutcome.UNKNOWN, FAST, java.time.Duration.ZERO);
    metrics.commandHandled("projects", CommandOutcome.PORT_ERROR, FAST, java.time.Duration.ZERO);

    assertThat(scrape())
        .contains("chatrixcd_commands_total{command=\"run\",outcome=\"ok\"} 2.0")
        .contains("chatrixcd_commands_total{command=\"status\",outcome=\"denied\"} 1.0")
        .contains("chatrixcd_commands_total{command=\"unknown\",outcome=\"unknown\"} 1.0")
        .contains("chatrixcd_commands_total{command=\"projects\",outcome=\"port_error\"} 1.0");
    assertThat(metrics.commandsHandled()).isEqualTo(5);
  }

  @Test
  void oddOrTooManyCommandNamesBecomeOther() {
    metrics.commandHandled("rm -rf /", CommandOutcome.USAGE, FAST, java.time.Duration.ZERO);
    metrics.commandHandled("x".repeat(40), CommandOutcome.USAGE, FAST, java.time.Duration.ZERO);
    for (int i = 0; i < 70; i++) {
      metrics.commandHandled("typo" + i, CommandOutcome.USAGE, FAST, java.time.Duration.ZERO);
    }

    String text = scrape();
    assertThat(text).contains("chatrixcd_commands_total{command=\"other\",outcome=\"usage\"} 8.0");
    assertThat(text).contains("command=\"typo63\"").doesNotContain("command=\"typo64\"");
  }

  @Test
  void commandProcessingIsASummaryWithTheMedianAndThe99thPercentile() {
    for (int i = 1; i <= 100; i++) {
      metrics.commandHandled(
          "ping", CommandOutcome.OK, Duration.ofMillis(i), java.time.Duration.ZERO);
    }

    String text = scrape();
    assertThat(text)
        .contains("# TYPE chatrixcd_command_processing_seconds summary")
        .contains("chatrixcd_command_processing_seconds_count 100")
        .contains("chatrixcd_command_processing_seconds_sum 5.05")
        .containsPattern("chatrixcd_command_processing_seconds\\{quantile=\"0\\.5\"} 0\\.0[45]\\d*")
        .containsPattern(
            "chatrixcd_command_processing_seconds\\{quantile=\"0\\.99\"} 0\\.(099|1)\\d*");
    // No other labels: the load bench reads exactly these series.
    assertThat(text.lines().filter(l -> l.startsWith("chatrixcd_command_processing_seconds{")))
        .hasSize(2);
  }

  @Test
  void countsRunsApprovalsExpiriesAndUndecryptable() {
    metrics.runFinished(RunOutcome.SUCCESS);
    metrics.runFinished(RunOutcome.ERROR);
    metrics.approval(ApprovalDecision.APPROVED);
    metrics.approval(ApprovalDecision.DECLINED);
    metrics.confirmationExpired();
    metrics.undecryptableEvent();
    metrics.undecryptableEvent();

    assertThat(scrape())
        .contains("chatrixcd_runs_total{outcome=\"success\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"error\"} 1.0")
        .contains("chatrixcd_approvals_total{decision=\"approved\"} 1.0")
        .contains("chatrixcd_approvals_total{decision=\"declined\"} 1.0")
        .contains("chatrixcd_confirmations_expired_total 1.0")
        .contains("chatrixcd_undecryptable_events_total 2.0");
    assertThat(metrics.undecryptableEvents()).isEqualTo(2);
  }

  @Test
  void semaphoreRequestsAreTimedByEndpointAndFailuresCountedByKind() {
    metrics.semaphoreRequest(request("/projects", 200, Outcome.OK, Duration.ofMillis(200)));
    metrics.semaphoreRequest(
        request("/project/{id}/tasks/last", 500, Outcome.SERVER_ERROR, Duration.ofSeconds(3)));
    metrics.semaphoreRequest(request("/projects", 0, Outcome.UNREACHABLE, Duration.ofMillis(1)));
    metrics.semaphoreRequest(request("/info", 401, Outcome.UNAUTHORIZED, Duration.ofMillis(1)));

    assertThat(scrape())
        .contains(
            "chatrixcd_semaphore_request_duration_seconds_bucket"
                + "{endpoint=\"/projects\",method=\"GET\",le=\"0.25\"} 2")
        .contains(
            "chatrixcd_semaphore_request_duration_seconds_count"
                + "{endpoint=\"/projects\",method=\"GET\"} 2")
        .contains(
            "chatrixcd_semaphore_request_duration_seconds_sum"
                + "{endpoint=\"/project/{id}/tasks/last\",method=\"GET\"} 3.0")
        .contains("chatrixcd_semaphore_request_errors_total{kind=\"server_error\"} 1.0")
        .contains("chatrixcd_semaphore_request_errors_total{kind=\"unreachable\"} 1.0")
        .contains("chatrixcd_semaphore_request_errors_total{kind=\"unauthorized\"} 1.0")
        .doesNotContain("kind=\"ok\"");
  }

  @Test
  void anOddEndpointIsCountedAsOther() {
    metrics.semaphoreRequest(request("/Project/\"x\"", 200, Outcome.OK, FAST));

    assertThat(scrape())
        .contains(
            "chatrixcd_semaphore_request_duration_seconds_count{endpoint=\"other\",method=\"GET\"} 1");
  }

  @Test
  void recordsSyncLatencyInSeconds() {
    metrics.syncProcessed(Duration.ofMillis(40));

    assertThat(scrape())
        .contains("chatrixcd_sync_duration_seconds_bucket{le=\"0.05\"} 1")
        .contains("chatrixcd_sync_duration_seconds_bucket{le=\"0.025\"} 0")
        .contains("chatrixcd_sync_duration_seconds_count 1");
  }

  @Test
  void gaugesReadTheirSupplierAtScrapeTime() {
    assertThat(scrape()).contains("chatrixcd_monitored_tasks 0.0");
    AtomicInteger tasks = new AtomicInteger(3);
    metrics.monitoredTasks(tasks::get);
    metrics.sendQueueDepth(() -> 7);

    assertThat(scrape())
        .contains("chatrixcd_monitored_tasks 3.0")
        .contains("chatrixcd_send_queue_depth 7.0");
    tasks.set(1);
    assertThat(scrape()).contains("chatrixcd_monitored_tasks 1.0");
  }

  @Test
  void unservedMetricsKeepWhatTheConsoleShowsAndHaveNoRegistry() {
    BotMetrics unserved = BotMetrics.unserved();
    unserved.commandHandled("run", CommandOutcome.OK, FAST, Duration.ZERO);
    unserved.undecryptableEvent();
    unserved.undecryptableEvent();
    unserved.lease(() -> "standby", () -> 7);

    assertThat(unserved.commandsHandled()).isEqualTo(1);
    assertThat(unserved.undecryptableEvents()).isEqualTo(2);
    assertThat(unserved.leaseRole()).isEqualTo("standby");
    assertThat(unserved.leaseEpoch()).isEqualTo(7);
    assertThatThrownBy(unserved::registry).isInstanceOf(IllegalStateException.class);
    assertThat(BotMetrics.forEndpoint(true).registry()).isNotNull();
  }
}
