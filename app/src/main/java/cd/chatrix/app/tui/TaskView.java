package cd.chatrix.app.tui;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Semaphore task run.
 *
 * @param id Semaphore's task id
 * @param project the project's name
 * @param template the template's name
 * @param status Semaphore's status word (waiting, running, success, error, stopped, ...)
 * @param running whether the run can still be stopped
 * @param requestedBy who started it ("" when not started from chat)
 * @param started when it started, if it has
 */
public record TaskView(
    long id,
    String project,
    String template,
    String status,
    boolean running,
    String requestedBy,
    Optional<Instant> started) {
  public TaskView {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(started, "started");
  }
}
