package cd.chatrix.bot.port;

import java.time.Instant;
import java.util.List;

/**
 * Semaphore as seen by the bot. Methods block and throw {@link PortException} with a readable
 * message when the server refuses or cannot be reached.
 */
public interface RunnerPort {
  List<Project> projects();

  List<Template> templates(long projectId);

  /**
   * A name or id was not found in the lists {@link #projects} and {@link #templates} gave: a runner
   * that keeps them drops its copies and returns true, so a second look reads Semaphore again; one
   * that reads them every time returns false (the default).
   */
  default boolean refreshCatalog() {
    return false;
  }

  /**
   * One template with its survey in full. Lists may leave the survey out (Semaphore 2.10 answers
   * {@code null} there), so whatever needs it reads the template by id.
   */
  default Template template(long projectId, long templateId) {
    return templates(projectId).stream()
        .filter(t -> t.id() == templateId)
        .findFirst()
        .orElseThrow(
            () -> new PortException("Template " + templateId + " is gone from Semaphore."));
  }

  /** Starts a task and returns its reference; the task is then {@code waiting}. */
  TaskRef start(long projectId, TaskRequest request);

  /**
   * Tasks Semaphore shows as started with {@code request} (same template, same message) and created
   * at or after {@code since}, newest first: how a start cut off by a stop of the bot is found
   * again, since its POST may or may not have reached Semaphore.
   */
  List<TaskRef> startsOf(long projectId, TaskRequest request, Instant since);

  void stop(TaskRef task, boolean force);

  /** Confirms a task in {@code waiting_confirmation}. */
  void confirm(TaskRef task);

  /** Refuses a task in {@code waiting_confirmation} (Semaphore 2.10 has no reject: stop it). */
  void reject(TaskRef task);

  TaskInfo task(TaskRef task);

  /** Output lines from {@code fromLine} (0-based) on. */
  OutputChunk output(TaskRef task, int fromLine);

  /** Reachability and version; throws when the server does not answer. */
  RunnerInfo ping();

  /**
   * A room just subscribed to {@code projectId}: from now on, tasks started there must be noticed.
   * Returns once the runner has looked, so nothing started after the subscription is missed.
   */
  default void followProject(long projectId) {}
}
