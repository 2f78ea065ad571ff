package cd.chatrix.app.wiring.store;

import cd.chatrix.app.store.Store;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.AuditLog;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link AuditLog} on the app's {@code audit_log} table, shared with the app's own audit entries so
 * there is one log to read. The table keeps times to the millisecond, which is all an audit trail
 * needs; the bot's entries carry no project id, so that column stays empty.
 */
public final class SqlAuditLog implements AuditLog {
  private final cd.chatrix.app.store.AuditLog table;

  public SqlAuditLog(Store store) {
    this.table = new cd.chatrix.app.store.AuditLog(store);
  }

  @Override
  public void append(AuditEntry e) {
    table.append(
        new cd.chatrix.app.store.AuditEntry(
            0,
            e.at(),
            e.user(),
            e.action(),
            Optional.ofNullable(e.roomId()),
            OptionalLong.empty(),
            e.taskId().map(OptionalLong::of).orElseGet(OptionalLong::empty),
            e.outcome(),
            Optional.ofNullable(e.detail())));
  }

  @Override
  public List<AuditEntry> recent(int limit) {
    return table.latest(limit).stream()
        .map(row ->
            new AuditEntry(
                row.at(),
                row.actor(),
                row.roomId().orElse(""),
                row.action(),
                row.detail().orElse(""),
                row.taskId().isPresent()
                    ? Optional.of(row.taskId().getAsLong())
                    : Optional.<Long>empty(),
                row.outcome()))
        .toList();
  }
}
