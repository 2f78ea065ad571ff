package cd.chatrix.bot.store;

import java.time.Instant;
import java.util.Optional;

/** One state-changing action: who did what, where, when, on which task, and how it ended. */
public record AuditEntry(
    Instant at,
    String user,
    String roomId,
    String action,
    String detail,
    Optional<Long> taskId,
    String outcome) {
  public AuditEntry {
    taskId = taskId == null ? Optional.empty() : taskId;
  }
}
