package cd.chatrix.app.store.bot;

import cd.chatrix.app.TaskRequests;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Records with every field set to something distinctive, times with sub-millisecond parts. */
final class Samples {
  static final Instant T0 = Instant.parse("2026-11-22T03:00:00.123456789Z");

  private Samples() {}

  static TaskRequest fullRequest() {
    return TaskRequests.template(7)
        .tags("web", "db")
        .skipTags("slow")
        .limit("host-a", "host-b")
        .arguments("--check", "-e x=\"1 2\"")
        .branch("release/1.2")
        .environment(Map.of("ENV", "prod", "COUNT", "3", "EMPTY", ""))
        .dryRun()
        .diff()
        .debug()
        .message("deploy from chat ✓")
        .build();
  }

  static PendingConfirmation confirmation(String id, PendingAction action, int minute) {
    Instant created = T0.plusSeconds(60L * minute);
    return new PendingConfirmation(
        id,
        "!room:example.org",
        "@alice:example.org",
        "$cmd-" + id,
        "$prompt-" + id,
        action,
        created,
        created.plusSeconds(300),
        false,
        false,
        Optional.empty());
  }

  static PendingConfirmation withEverything(String id) {
    return new PendingConfirmation(
        id,
        "!other:example.org",
        "@bob:example.org",
        "$cmd-full",
        "$prompt-full",
        new PendingAction.Run(3, "Infra \"prod\"", "Deploy ⚙", fullRequest()),
        T0,
        T0.plusNanos(300_000_000_001L),
        true,
        true,
        Optional.of("$thread-root"));
  }

  static MonitoredRun run(long project, long task, String room, TaskState state, int minute) {
    return new MonitoredRun(
        new TaskRef(project, task),
        room,
        "$status-" + task,
        Optional.empty(),
        Optional.empty(),
        "Project " + project,
        "Template",
        11,
        "",
        state,
        T0.plusSeconds(60L * minute),
        Optional.empty(),
        Optional.empty(),
        false,
        0);
  }

  static MonitoredRun fullRun() {
    return new MonitoredRun(
        new TaskRef(4, 99),
        "!room:example.org",
        "$status-99",
        Optional.of("@alice:example.org"),
        Optional.of("@carol:example.org"),
        "Infra",
        "Deploy",
        12,
        "tags=web · dry-run",
        TaskState.RUNNING,
        T0,
        Optional.of(T0.plusNanos(1_500)),
        Optional.of(T0.plusSeconds(90).plusNanos(7)),
        true,
        42);
  }
}
