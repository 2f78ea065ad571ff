package cd.chatrix.app.tui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link StatusSnapshot} into the status panel's lines and the one-line header. */
final class StatusText {
  private static final int MAX_TASK_LINES = 4;

  private StatusText() {}

  static List<String> lines(StatusSnapshot s) {
    List<String> lines = new ArrayList<>();
    StatusSnapshot.Matrix m = s.matrix();
    lines.add(
        row(
            "Matrix",
            m.state().label()
                + m.syncLag().map(l -> " · synced " + duration(l) + " ago").orElse("")));
    lines.add(row("User", m.userId().isEmpty() ? "(not logged in)" : m.userId()));
    lines.add(row("Device", m.deviceId().isEmpty() ? "-" : m.deviceId()));
    lines.add(row("Rooms", Integer.toString(m.rooms())));
    StatusSnapshot.Semaphore sem = s.semaphore();
    lines.add(
        row(
            "Semaphore",
            (sem.reachable() ? "reachable" : "unreachable")
                + (sem.version().isEmpty() ? "" : " · v" + sem.version())));
    StatusSnapshot.E2ee e = s.e2ee();
    lines.add(
        row(
            "E2EE",
            e.enabled()
                ? "on · "
                    + (e.crossSigned() ? "cross-signed" : "not cross-signed")
                    + " · "
                    + e.undecryptable()
                    + " undecryptable"
                : "off"));
    if (s.leaseEpoch() > 0) {
      // Replicas on PostgreSQL only: a lone SQLite bot has no lease to show.
      lines.add(row("Role", s.leaseRole() + " · lease epoch " + s.leaseEpoch()));
    }
    lines.add(row("Uptime", duration(s.uptime())));
    lines.add(row("Commands", Long.toString(s.commandsHandled())));
    List<TaskView> tasks = s.monitoredTasks();
    if (tasks.isEmpty()) {
      lines.add(row("Tasks", "none monitored"));
    }
    for (int i = 0; i < Math.min(tasks.size(), MAX_TASK_LINES); i++) {
      TaskView t = tasks.get(i);
      lines.add(
          row(i == 0 ? "Tasks" : "", "#" + t.id() + " " + t.template() + " (" + t.status() + ")"));
    }
    if (tasks.size() > MAX_TASK_LINES) {
      lines.add(row("", "and " + (tasks.size() - MAX_TASK_LINES) + " more (t Tasks)"));
    }
    return lines;
  }

  /** The header every screen shows, so the connection is visible everywhere. */
  static String headline(StatusSnapshot s) {
    long running = s.monitoredTasks().stream().filter(TaskView::running).count();
    return s.matrix().state().label()
        + s.matrix().syncLag().map(l -> " · sync " + duration(l)).orElse("")
        + " · Semaphore "
        + (s.semaphore().reachable() ? "up" : "down")
        + " · up "
        + duration(s.uptime())
        + (running > 0 ? " · " + running + " running" : "");
  }

  static String duration(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + String.format("%02dm", minutes);
    }
    if (minutes > 0) {
      return minutes + "m " + String.format("%02ds", secs);
    }
    if (seconds == 0 && d.toMillis() > 0) {
      return String.format("%.1fs", d.toMillis() / 1000.0);
    }
    return secs + "s";
  }

  private static String row(String label, String value) {
    return String.format("%-10s %s", label, value);
  }
}
