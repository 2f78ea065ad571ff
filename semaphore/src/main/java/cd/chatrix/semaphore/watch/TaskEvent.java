package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.model.TaskStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link TaskWatcher} reports for a watched task. Per task: each status change once, in
 * order, and exactly one terminal event ({@link Finished} or {@link Vanished}), after which nothing
 * more is reported.
 */
public sealed interface TaskEvent
    permits TaskEvent.StatusChanged, TaskEvent.LogLine, TaskEvent.Finished, TaskEvent.Vanished {

  int projectId();

  int taskId();

  /** Which channel noticed the change first. */
  enum Source {
    PUSH,
    POLL
  }

  /** The task moved from {@code from} (empty when not known before) to {@code to}. */
  record StatusChanged(
      int projectId, int taskId, Optional<TaskStatus> from, TaskStatus to, Source source)
      implements TaskEvent {}

  /** An output line seen on the websocket (polling does not fetch output). */
  record LogLine(int projectId, int taskId, Instant time, String text) implements TaskEvent {}

  /** The task reached a terminal status; the watcher has stopped watching it. */
  record Finished(int projectId, int taskId, TaskStatus status, Source source)
      implements TaskEvent {}

  /**
   * The task no longer exists in Semaphore (deleted or pruned); the watcher has stopped watching
   * it.
   */
  record Vanished(int projectId, int taskId, String reason) implements TaskEvent {}

  /** True for the event that ends a task's stream. */
  default boolean terminal() {
    return this instanceof Finished || this instanceof Vanished;
  }
}
