package cd.chatrix.app.ops;

import cd.chatrix.app.ops.BotMetrics.ApprovalDecision;
import cd.chatrix.app.ops.BotMetrics.RunOutcome;
import cd.chatrix.app.ops.BotMetrics.WebhookResult;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.semaphore.RequestListener;
import java.time.Duration;

/**
 * Where {@link BotMetrics} records for {@code /metrics}: the Prometheus registry when the endpoint
 * is on, nowhere when it is off (the default), so the client library is not even loaded then.
 */
sealed interface Instruments permits PrometheusInstruments, Instruments.Off {

  void commandHandled(
      String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts);

  void runFinished(RunOutcome outcome);

  void approval(ApprovalDecision decision);

  void confirmationExpired();

  void syncProcessed(Duration duration);

  void undecryptableEvent();

  void semaphoreRequest(RequestListener.Request request);

  void webhookRequest(WebhookResult result);

  /** Nothing serves {@code /metrics}: nothing to record. */
  enum Off implements Instruments {
    INSTANCE;

    @Override
    public void commandHandled(
        String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {}

    @Override
    public void runFinished(RunOutcome outcome) {}

    @Override
    public void approval(ApprovalDecision decision) {}

    @Override
    public void confirmationExpired() {}

    @Override
    public void syncProcessed(Duration duration) {}

    @Override
    public void undecryptableEvent() {}

    @Override
    public void semaphoreRequest(RequestListener.Request request) {}

    @Override
    public void webhookRequest(WebhookResult result) {}
  }
}
