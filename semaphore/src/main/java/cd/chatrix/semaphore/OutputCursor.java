package cd.chatrix.semaphore;

import java.util.Optional;

/**
 * Where a reader of a task's output stopped. Semaphore always returns the whole output; the cursor
 * lets the client hand back only new lines. 2.12+ rows carry an {@code id}, which is used when
 * present; otherwise the count of rows already seen (output is append-only).
 */
public record OutputCursor(int projectId, int taskId, int seen, Optional<Long> lastId) {

  public static OutputCursor start(int projectId, int taskId) {
    return new OutputCursor(projectId, taskId, 0, Optional.empty());
  }
}
