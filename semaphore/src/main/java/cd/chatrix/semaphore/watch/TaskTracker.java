package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.semaphore.watch.TaskEvent.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exactly-once core of watching, free of I/O. Push frames and poll snapshots are offered here;
 * it answers with the events to report. Duplicates (the same status from both channels, Semaphore's
 * extra "end" update) are dropped, and so are stale poll snapshots: a poll whose request started
 * before the last push frame for a task cannot tell anything newer, and statuses Semaphore never
 * goes back to are not accepted twice.
 */
final class TaskTracker {
  /** Statuses a task passes at most once in Semaphore's state machine. */
  private static final Set<TaskStatus> ONCE =
      Set.of(
          TaskStatus.WAITING,
          TaskStatus.STARTING,
          TaskStatus.WAITING_CONFIRMATION,
          TaskStatus.CONFIRMED,
          TaskStatus.STOPPING);

  private static final Set<TaskStatus> QUEUED = Set.of(TaskStatus.WAITING, TaskStatus.STARTING);

  private final Map<Key, Entry> entries = new HashMap<>();

  record Key(int projectId, int taskId) {}

  private static final class Entry {
    Optional<TaskStatus> last;
    final Set<TaskStatus> seen = new HashSet<>();
    long lastPushNanos = Long.MIN_VALUE;

    Entry(Optional<TaskStatus> last) {
      this.last = last;
      last.ifPresent(seen::add);
    }
  }

  /**
   * Starts tracking; a terminal last-known status means the end was already reported, so it is not
   * tracked.
   */
  synchronized boolean add(WatchedTask task) {
    if (task.lastKnownStatus().map(TaskStatus::isTerminal).orElse(false)) {
      return false;
    }
    entries.putIfAbsent(
        new Key(task.projectId(), task.taskId()), new Entry(task.lastKnownStatus()));
    return true;
  }

  synchronized void remove(int projectId, int taskId) {
    entries.remove(new Key(projectId, taskId));
  }

  synchronized boolean isWatched(int projectId, int taskId) {
    return entries.containsKey(new Key(projectId, taskId));
  }

  synchronized List<WatchedTask> snapshot() {
    List<WatchedTask> out = new ArrayList<>();
    entries.forEach((k, e) -> out.add(new WatchedTask(k.projectId(), k.taskId(), e.last)));
    return out;
  }

  /** Watched task ids grouped by project. */
  synchronized Map<Integer, Set<Integer>> byProject() {
    Map<Integer, Set<Integer>> out = new HashMap<>();
    entries
        .keySet()
        .forEach(k -> out.computeIfAbsent(k.projectId(), p -> new HashSet<>()).add(k.taskId()));
    return out;
  }

  /** A status seen on the websocket at {@code nanos} (System.nanoTime). */
  synchronized List<TaskEvent> push(int projectId, int taskId, TaskStatus status, long nanos) {
    Entry e = entries.get(new Key(projectId, taskId));
    if (e == null) {
      return List.of();
    }
    e.lastPushNanos = Math.max(e.lastPushNanos, nanos);
    return apply(projectId, taskId, e, status, Source.PUSH);
  }

  /** A status from a poll whose request was sent at {@code requestNanos}. */
  synchronized List<TaskEvent> poll(
      int projectId, int taskId, TaskStatus status, long requestNanos) {
    Entry e = entries.get(new Key(projectId, taskId));
    if (e == null || e.lastPushNanos >= requestNanos) {
      return List.of();
    }
    return apply(projectId, taskId, e, status, Source.POLL);
  }

  synchronized List<TaskEvent> vanished(int projectId, int taskId, String reason) {
    return entries.remove(new Key(projectId, taskId)) == null
        ? List.of()
        : List.of(new TaskEvent.Vanished(projectId, taskId, reason));
  }

  private List<TaskEvent> apply(
      int projectId, int taskId, Entry e, TaskStatus status, Source source) {
    if (e.last.isPresent() && (e.last.get().equals(status) || goesBack(e.last.get(), status))) {
      return List.of();
    }
    if (ONCE.contains(status) && e.seen.contains(status)) {
      return List.of();
    }
    TaskEvent changed = new TaskEvent.StatusChanged(projectId, taskId, e.last, status, source);
    e.last = Optional.of(status);
    e.seen.add(status);
    if (!status.isTerminal()) {
      return List.of(changed);
    }
    entries.remove(new Key(projectId, taskId));
    return List.of(changed, new TaskEvent.Finished(projectId, taskId, status, source));
  }

  /** Transitions Semaphore's SetStatus refuses; seeing one means the observation is stale. */
  private static boolean goesBack(TaskStatus from, TaskStatus to) {
    if (QUEUED.contains(to) && !QUEUED.contains(from)) {
      return true;
    }
    if (from == TaskStatus.STARTING && to == TaskStatus.WAITING) {
      return true;
    }
    if (from == TaskStatus.STOPPING) {
      return !to.isTerminal();
    }
    return from == TaskStatus.CONFIRMED && to == TaskStatus.WAITING_CONFIRMATION;
  }
}
