package cd.chatrix.bot.port;

/** Identifies a task: Semaphore addresses tasks under their project. */
public record TaskRef(long projectId, long taskId) {
  @Override
  public String toString() {
    return projectId + "/" + taskId;
  }
}
