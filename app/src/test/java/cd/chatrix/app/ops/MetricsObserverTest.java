package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.bot.port.TaskState;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsObserverTest {
  private final BotMetrics metrics = new BotMetrics();
  private final MetricsObserver observer = new MetricsObserver(metrics);

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape());
  }

  @Test
  void commandsAreCountedAndTimed() {
    observer.commandHandled(
        "run", CommandOutcome.OK, Duration.ofMillis(30), java.time.Duration.ZERO);
    observer.commandHandled(
        "unknown", CommandOutcome.UNKNOWN, Duration.ofMillis(10), java.time.Duration.ZERO);

    assertThat(scrape())
        .contains("chatrixcd_commands_total{command=\"run\",outcome=\"ok\"} 1.0")
        .contains("chatrixcd_commands_total{command=\"unknown\",outcome=\"unknown\"} 1.0")
        .contains("chatrixcd_command_processing_seconds_count 2")
        .contains("chatrixcd_command_processing_seconds_sum 0.04");
  }

  @Test
  void everyTerminalStateIsARunOutcomeAndNothingElseIs() {
    for (TaskState state : TaskState.values()) {
      observer.runFinished(state);
    }

    String text = scrape();
    assertThat(text)
        .contains("chatrixcd_runs_total{outcome=\"success\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"error\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"stopped\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"rejected\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"vanished\"} 1.0");
    assertThat(text.lines().filter(l -> l.startsWith("chatrixcd_runs_total{"))).hasSize(5);
    for (TaskState state : TaskState.values()) {
      assertThat(MetricsObserver.outcome(state).isPresent()).isEqualTo(state.terminal());
    }
  }

  @Test
  void approvalsAndExpiriesAreCounted() {
    observer.approvalDecided(true);
    observer.approvalDecided(true);
    observer.approvalDecided(false);
    observer.confirmationExpired();

    assertThat(scrape())
        .contains("chatrixcd_approvals_total{decision=\"approved\"} 2.0")
        .contains("chatrixcd_approvals_total{decision=\"declined\"} 1.0")
        .contains("chatrixcd_confirmations_expired_total 1.0");
  }
}
