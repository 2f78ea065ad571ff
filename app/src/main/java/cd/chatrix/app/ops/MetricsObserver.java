package cd.chatrix.app.ops;

import cd.chatrix.app.ops.BotMetrics.ApprovalDecision;
import cd.chatrix.app.ops.BotMetrics.RunOutcome;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.TaskState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Turns what the bot reports about its work into {@link BotMetrics} counts. */
public final class MetricsObserver implements BotObserver {
  private final BotMetrics metrics;

  public MetricsObserver(BotMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void commandHandled(
      String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {
    metrics.commandHandled(command, outcome, processing, waitedOnPorts);
  }

  @Override
  public void runFinished(TaskState state) {
    outcome(state).ifPresent(metrics::runFinished);
  }

  @Override
  public void approvalDecided(boolean approved) {
    metrics.approval(approved ? ApprovalDecision.APPROVED : ApprovalDecision.DECLINED);
  }

  @Override
  public void confirmationExpired() {
    metrics.confirmationExpired();
  }

  /** The run outcome of a terminal state; the bot reports only those, others are not counted. */
  static Optional<RunOutcome> outcome(TaskState state) {
    return switch (state) {
      case SUCCESS -> Optional.of(RunOutcome.SUCCESS);
      case ERROR -> Optional.of(RunOutcome.ERROR);
      case STOPPED -> Optional.of(RunOutcome.STOPPED);
      case REJECTED -> Optional.of(RunOutcome.REJECTED);
      case VANISHED -> Optional.of(RunOutcome.VANISHED);
      case WAITING, STARTING, WAITING_CONFIRMATION, CONFIRMED, RUNNING, STOPPING, UNKNOWN ->
          Optional.empty();
    };
  }
}
