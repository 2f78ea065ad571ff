package cd.chatrix.bot.flow;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.text.Durations;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.time.Instant;

/** Renders the one status message of a run; it is re-rendered and edited on every state change. */
public final class StatusView {
  private static final int OPTIONS_SHOWN = 1000;

  private StatusView() {}

  public static String emoji(TaskState s) {
    return switch (s) {
      case WAITING, STARTING -> "⏳";
      case WAITING_CONFIRMATION -> "✋";
      case CONFIRMED, RUNNING -> "🔄";
      case STOPPING -> "⏹️";
      case STOPPED -> "🛑";
      case SUCCESS -> "✅";
      case ERROR -> "❌";
      case REJECTED -> "🚫";
      case VANISHED -> "🗑️";
      case UNKNOWN -> "❓";
    };
  }

  public static String color(TaskState s) {
    return switch (s) {
      case SUCCESS -> "#4e9a06";
      case ERROR, STOPPED, REJECTED -> "#cc0000";
      case RUNNING, CONFIRMED -> "#3465a4";
      default -> "#c4a000";
    };
  }

  public static String label(TaskState s) {
    if (s == TaskState.VANISHED) {
      return "gone from Semaphore (deleted there?)";
    }
    return s.wire().replace('_', ' ');
  }

  public static Reply render(MonitoredRun run, BotSettings settings, Instant now) {
    var r = Reply.create();
    r.add(emoji(run.state()) + " ")
        .bold(run.templateName())
        .add(" · task #" + run.task().taskId() + " · ")
        .color(color(run.state()), label(run.state()))
        .nl();
    r.add("Project: " + run.projectName()).nl();
    if (run.requester().isPresent()) {
      r.add("Asked by ").user(run.requester().get());
      run.approver().ifPresent(a -> r.add(" · approved by ").user(a));
      r.nl();
    } else {
      r.add("Started outside chat").nl();
    }
    if (!run.options().isEmpty()) {
      // The options as typed, kept in full in the store; a status message shows a readable part.
      r.add("Options: ").code(Echo.of(run.options(), OPTIONS_SHOWN)).nl();
    }
    r.add(timing(run, now)).nl();
    String url = settings.taskUrl(run.task().projectId(), run.task().taskId());
    r.link(url, "Open in Semaphore");
    return r;
  }

  static String timing(MonitoredRun run, Instant now) {
    if (run.startedAt().isEmpty()) {
      return run.state().terminal() ? "Never started" : "Queued";
    }
    Instant start = run.startedAt().get();
    if (!run.state().terminal()) {
      // Edits happen only on state changes, so a moving "running for" would be stale at once.
      return "Running since " + CLOCK.format(start) + " UTC";
    }
    Instant end = run.endedAt().orElse(now);
    return "Took " + Durations.human(Duration.between(start, end));
  }

  private static final java.time.format.DateTimeFormatter CLOCK =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
}
