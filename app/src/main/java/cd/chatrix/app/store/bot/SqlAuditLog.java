package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link AuditLog} on the {@code audit_log} table, read newest first. The table keeps times to the
 * millisecond, which is all an audit trail needs; the bot's entries carry no project id, so that
 * column stays empty.
 */
public final class SqlAuditLog implements AuditLog {
  private static final String COLUMNS =
      "seq, at_ms, actor, action, room_id, project_id, task_id, outcome, detail";

  private final Store store;

  public SqlAuditLog(Store store) {
    this.store = store;
  }

  /**
   * The sequence number is taken as MAX+1 inside the write transaction rather than from an
   * auto-increment column, because auto-increment syntax differs between SQL engines and the
   * store's write lock already serialises appends.
   */
  @Override
  public void append(AuditEntry e) {
    store.doInTransaction(tx -> {
      long seq =
          tx.queryOne(
                  "SELECT COALESCE(MAX(seq), 0) + 1 AS next_seq FROM audit_log",
                  row -> row.getLong("next_seq"))
              .orElse(1L);
      tx.update(
          "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          seq,
          e.at().toEpochMilli(),
          e.user(),
          e.action(),
          Optional.ofNullable(e.roomId()),
          Optional.empty(),
          e.taskId(),
          e.outcome(),
          Optional.ofNullable(e.detail()));
    });
  }

  @Override
  public List<AuditEntry> recent(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return store.inTransaction(tx ->
        tx.query(
            "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT ?",
            SqlAuditLog::read,
            limit));
  }

  /** Deletes entries older than {@code cutoff}; returns how many. For the store's housekeeping. */
  public int pruneOlderThan(Instant cutoff) {
    return store.inTransaction(
        tx -> tx.update("DELETE FROM audit_log WHERE at_ms < ?", cutoff.toEpochMilli()));
  }

  private static AuditEntry read(ResultSet row) throws SQLException {
    long task = row.getLong("task_id");
    Optional<Long> taskId = row.wasNull() ? Optional.empty() : Optional.of(task);
    return new AuditEntry(
        Instant.ofEpochMilli(row.getLong("at_ms")),
        row.getString("actor"),
        Optional.ofNullable(row.getString("room_id")).orElse(""),
        row.getString("action"),
        Optional.ofNullable(row.getString("detail")).orElse(""),
        taskId,
        row.getString("outcome"));
  }
}
