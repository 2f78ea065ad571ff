package cd.chatrix.bot.port;

import java.time.Instant;
import java.util.Optional;

/**
 * A task's state as Semaphore reports it. The app also feeds these to {@code Bot.onTaskUpdate} from
 * its push listener or poller.
 */
public record TaskInfo(
    TaskRef ref,
    long templateId,
    TaskState state,
    Optional<Instant> start,
    Optional<Instant> end,
    Optional<String> templateName,
    Optional<String> startedBy) {
  public TaskInfo {
    start = start == null ? Optional.empty() : start;
    end = end == null ? Optional.empty() : end;
    templateName = templateName == null ? Optional.empty() : templateName;
    startedBy = startedBy == null ? Optional.empty() : startedBy;
  }

  public static TaskInfo of(TaskRef ref, long templateId, TaskState state) {
    return new TaskInfo(
        ref,
        templateId,
        state,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
