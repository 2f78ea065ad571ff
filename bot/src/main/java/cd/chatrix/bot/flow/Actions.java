package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import cd.chatrix.bot.text.Reply;
import java.util.Optional;

/** Carries out accepted confirmations and records each outcome in the audit log. */
public final class Actions implements Confirmations.Executor {
  private final Services s;
  private final RunMonitor monitor;

  public Actions(Services services, RunMonitor monitor) {
    this.s = services;
    this.monitor = monitor;
  }

  @Override
  public void execute(PendingConfirmation pc, Optional<String> approver) {
    switch (pc.action()) {
      case PendingAction.Run run -> monitor.launch(pc, run, approver);
      case PendingAction.Stop stop -> stop(pc, stop);
      case PendingAction.Exit exit -> exit(pc);
    }
  }

  private void stop(PendingConfirmation pc, PendingAction.Stop stop) {
    var rel = Confirmations.relationFor(pc);
    String what = "task #" + stop.task().taskId();
    try {
      s.runner().stop(stop.task(), stop.force());
      s.send(
          pc.roomId(),
          Reply.text(
              "🛑 Asked Semaphore to "
                  + (stop.force() ? "force-stop " : "stop ")
                  + what
                  + "; the status message will show when it has stopped."),
          rel);
      s.audit(
          pc.requester(),
          pc.roomId(),
          "stop",
          what + (stop.force() ? " (force)" : ""),
          Optional.of(stop.task().taskId()),
          "requested");
    } catch (PortException e) {
      s.send(pc.roomId(), Reply.text("❌ Could not stop " + what + ": " + e.getMessage()), rel);
      s.audit(
          pc.requester(),
          pc.roomId(),
          "stop",
          what,
          Optional.of(stop.task().taskId()),
          "failed: " + e.getMessage());
    }
  }

  private void exit(PendingConfirmation pc) {
    s.send(
        pc.roomId(),
        Reply.text("👋 Shutting down now. See you later."),
        Confirmations.relationFor(pc));
    s.audit(
        pc.requester(),
        pc.roomId(),
        "exit",
        "shutdown requested in chat",
        Optional.empty(),
        "shutting down");
    s.lifecycle().requestShutdown("exit command by " + pc.requester());
  }
}
