package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.model.TaskStatus;
import java.util.Optional;

/**
 * What the app persists to resume watching after a restart: the task and the last status it has
 * already reported. {@link TaskWatcher#watched()} returns these; hand them back to {@link
 * TaskWatcher#resume}.
 */
public record WatchedTask(int projectId, int taskId, Optional<TaskStatus> lastKnownStatus) {

  public static WatchedTask fresh(int projectId, int taskId) {
    return new WatchedTask(projectId, taskId, Optional.empty());
  }
}
