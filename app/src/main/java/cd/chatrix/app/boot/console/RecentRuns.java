package cd.chatrix.app.boot.console;

import cd.chatrix.app.tui.TaskView;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Running and recently finished runs. The run store lists only the active ones and the latest per
 * room, so this also remembers every task id it has come across and reads their final state by id
 * once they have ended (a quick run may start and end between two looks).
 */
final class RecentRuns {
  static final int REMEMBERED = 50;

  private final RunStore store;
  private final Supplier<List<String>> rooms;
  private final SequencedSet<Long> seen = new LinkedHashSet<>();

  /**
   * @param rooms the rooms the bot is in, whose latest runs count as recent
   */
  RecentRuns(RunStore store, Supplier<List<String>> rooms) {
    this.store = store;
    this.rooms = rooms;
  }

  /** Newest first. */
  synchronized List<TaskView> tasks() {
    List<MonitoredRun> runs = new ArrayList<>(store.active());
    rooms.get().forEach(room -> store.latestInRoom(room).ifPresent(runs::add));
    runs.forEach(r -> remember(r.task().taskId()));
    for (Long id : seen) {
      if (runs.stream().noneMatch(r -> r.task().taskId() == id)) {
        store.byTaskId(id).ifPresent(runs::add);
      }
    }
    return runs.stream()
        .collect(Collectors.toMap(r -> r.task().taskId(), r -> r, (a, b) -> a, LinkedHashMap::new))
        .values()
        .stream()
        .sorted(Comparator.comparing(MonitoredRun::requestedAt).reversed())
        .map(RecentRuns::view)
        .toList();
  }

  /** The runs still going, for the status panel; they are remembered for the task list. */
  synchronized List<TaskView> active() {
    List<MonitoredRun> active = store.active();
    active.forEach(r -> remember(r.task().taskId()));
    return active.stream()
        .sorted(Comparator.comparing(MonitoredRun::requestedAt).reversed())
        .map(RecentRuns::view)
        .toList();
  }

  Optional<MonitoredRun> byTaskId(long id) {
    return store.byTaskId(id);
  }

  private void remember(long id) {
    seen.remove(id);
    seen.addLast(id);
    while (seen.size() > REMEMBERED) {
      seen.removeFirst();
    }
  }

  static TaskView view(MonitoredRun run) {
    return new TaskView(
        run.task().taskId(),
        run.projectName(),
        run.templateName(),
        run.state().wire(),
        !run.state().terminal(),
        run.requester().orElse(""),
        run.startedAt());
  }
}
