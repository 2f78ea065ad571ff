package cd.chatrix.bot.port;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** {@link BotObserver#all}: tells every observer; a failing one is logged and skipped. */
record Observers(List<BotObserver> observers) implements BotObserver {
  private static final System.Logger LOG = System.getLogger(Observers.class.getName());

  @Override
  public void commandHandled(
      String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {
    each(o -> o.commandHandled(command, outcome, processing, waitedOnPorts));
  }

  @Override
  public void runFinished(TaskState state) {
    each(o -> o.runFinished(state));
  }

  @Override
  public void approvalDecided(boolean approved) {
    each(o -> o.approvalDecided(approved));
  }

  @Override
  public void confirmationExpired() {
    each(BotObserver::confirmationExpired);
  }

  private void each(Consumer<BotObserver> call) {
    for (BotObserver observer : observers) {
      try {
        call.accept(observer);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "A bot observer failed; the others still heard", e);
      }
    }
  }
}
