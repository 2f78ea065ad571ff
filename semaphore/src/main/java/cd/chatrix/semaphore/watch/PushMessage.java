package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.model.TaskStatus;
import java.time.Instant;
import java.util.Optional;

/** A frame from {@code /api/ws}. The payloads have not changed since Semaphore 2.8. */
public sealed interface PushMessage permits PushMessage.Update, PushMessage.Log {

  int projectId();

  int taskId();

  /** A task was queued or changed status; sent once more with {@code end} after it finishes. */
  record Update(
      int projectId,
      int taskId,
      int templateId,
      TaskStatus status,
      Optional<Instant> start,
      Optional<Instant> end)
      implements PushMessage {}

  /** One output line, raw (ANSI codes included). */
  record Log(int projectId, int taskId, Instant time, String output) implements PushMessage {}
}
