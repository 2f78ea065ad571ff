package cd.chatrix.app.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One audited action: who ({@code actor}, a Matrix user id), what ({@code action}, e.g. {@code
 * "run"}), where ({@code roomId}), when ({@code at}), on which Semaphore project and task, and the
 * {@code outcome} (e.g. {@code "started"}, {@code "denied"}, {@code "failed"}). {@code seq} orders
 * entries; it is 0 for an entry not yet appended.
 */
public record AuditEntry(
    long seq,
    Instant at,
    String actor,
    String action,
    Optional<String> roomId,
    OptionalLong projectId,
    OptionalLong taskId,
    String outcome,
    Optional<String> detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** An entry to append, without project, task or detail; add them with the withers. */
  public static AuditEntry of(
      Instant at, String actor, String action, String roomId, String outcome) {
    return new AuditEntry(
        0,
        at,
        actor,
        action,
        Optional.of(roomId),
        OptionalLong.empty(),
        OptionalLong.empty(),
        outcome,
        Optional.empty());
  }

  public AuditEntry withTask(long project, long task) {
    return new AuditEntry(
        seq,
        at,
        actor,
        action,
        roomId,
        OptionalLong.of(project),
        OptionalLong.of(task),
        outcome,
        detail);
  }

  public AuditEntry withDetail(String text) {
    return new AuditEntry(
        seq, at, actor, action, roomId, projectId, taskId, outcome, Optional.of(text));
  }
}
