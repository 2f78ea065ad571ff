package cd.chatrix.bot.store;

import java.util.List;

/** Append-only record of state-changing actions. */
public interface AuditLog {
  void append(AuditEntry entry);

  /** The newest {@code limit} entries, newest first. */
  List<AuditEntry> recent(int limit);
}
