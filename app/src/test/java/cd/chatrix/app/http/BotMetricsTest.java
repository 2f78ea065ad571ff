package cd.chatrix.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.http.BotMetrics.ApprovalDecision;
import cd.chatrix.app.http.BotMetrics.CommandOutcome;
import cd.chatrix.app.http.BotMetrics.RunOutcome;
import cd.chatrix.app.http.BotMetrics.SemaphoreError;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BotMetricsTest {
  private final BotMetrics metrics = new BotMetrics();

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape());
  }

  @Test
  void countsCommandsByNameAndOutcome() {
    metrics.commandHandled("run", CommandOutcome.OK);
    metrics.commandHandled("run", CommandOutcome.OK);
    metrics.commandHandled("Status", CommandOutcome.DENIED);

    assertThat(scrape())
        .contains("chatrixcd_commands_total{command=\"run\",outcome=\"ok\"} 2.0")
        .contains("chatrixcd_commands_total{command=\"status\",outcome=\"denied\"} 1.0");
  }

  @Test
  void oddOrTooManyCommandNamesBecomeOther() {
    metrics.commandHandled("rm -rf /", CommandOutcome.INVALID);
    metrics.commandHandled("x".repeat(40), CommandOutcome.INVALID);
    for (int i = 0; i < 70; i++) {
      metrics.commandHandled("typo" + i, CommandOutcome.INVALID);
    }

    String text = scrape();
    assertThat(text)
        .contains("chatrixcd_commands_total{command=\"other\",outcome=\"invalid\"} 8.0");
    assertThat(text).contains("command=\"typo63\"").doesNotContain("command=\"typo64\"");
  }

  @Test
  void countsRunsApprovalsExpiriesUndecryptableAndSemaphoreErrors() {
    metrics.runFinished(RunOutcome.SUCCESS);
    metrics.runFinished(RunOutcome.ERROR);
    metrics.approval(ApprovalDecision.APPROVED);
    metrics.approval(ApprovalDecision.DECLINED);
    metrics.confirmationExpired();
    metrics.undecryptableEvent();
    metrics.undecryptableEvent();
    metrics.semaphoreRequestFailed(SemaphoreError.UNREACHABLE);

    assertThat(scrape())
        .contains("chatrixcd_runs_total{outcome=\"success\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"error\"} 1.0")
        .contains("chatrixcd_approvals_total{decision=\"approved\"} 1.0")
        .contains("chatrixcd_approvals_total{decision=\"declined\"} 1.0")
        .contains("chatrixcd_confirmations_expired_total 1.0")
        .contains("chatrixcd_undecryptable_events_total 2.0")
        .contains("chatrixcd_semaphore_request_errors_total{kind=\"unreachable\"} 1.0");
  }

  @Test
  void recordsLatenciesInSeconds() {
    metrics.syncProcessed(Duration.ofMillis(40));
    metrics.semaphoreRequest(Duration.ofMillis(200));
    metrics.semaphoreRequest(Duration.ofSeconds(3));

    assertThat(scrape())
        .contains("chatrixcd_sync_duration_seconds_bucket{le=\"0.05\"} 1")
        .contains("chatrixcd_sync_duration_seconds_bucket{le=\"0.025\"} 0")
        .contains("chatrixcd_sync_duration_seconds_count 1")
        .contains("chatrixcd_semaphore_request_duration_seconds_bucket{le=\"0.25\"} 1")
        .contains("chatrixcd_semaphore_request_duration_seconds_count 2")
        .contains("chatrixcd_semaphore_request_duration_seconds_sum 3.2");
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
}
