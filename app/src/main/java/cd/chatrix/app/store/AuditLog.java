package cd.chatrix.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Append-only record of who asked the bot to do what. Entries are read newest first. */
public final class AuditLog {
  private static final String COLUMNS =
      "seq, at_ms, actor, action, room_id, project_id, task_id, outcome, detail";

  private final Store store;

  public AuditLog(Store store) {
    this.store = store;
  }

  /**
   * Appends the entry and returns its sequence number. The number is taken as MAX+1 inside the
   * write transaction rather than from an auto-increment column, because auto-increment syntax
   * differs between SQLite and PostgreSQL and the store's write lock already serialises appends.
   */
  public long append(AuditEntry e) {
    return store.inTransaction(tx -> {
      long seq =
          tx.queryOne(
                  "SELECT COALESCE(MAX(seq), 0) + 1 AS next_seq FROM audit_log",
                  row -> row.getLong("next_seq"))
              .orElse(1L);
      tx.update(
          "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          seq,
          e.at().toEpochMilli(),
          e.actor(),
          e.action(),
          e.roomId(),
          e.projectId(),
          e.taskId(),
          e.outcome(),
          e.detail());
      return seq;
    });
  }

  /** The newest {@code limit} entries, newest first. */
  public List<AuditEntry> latest(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return store.inTransaction(tx ->
        tx.query(
            "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT ?",
            AuditLog::read,
            limit));
  }

  /** Deletes entries older than {@code cutoff}; returns how many. */
  public int pruneOlderThan(Instant cutoff) {
    return store.inTransaction(
        tx -> tx.update("DELETE FROM audit_log WHERE at_ms < ?", cutoff.toEpochMilli()));
  }

  private static AuditEntry read(ResultSet row) throws SQLException {
    return new AuditEntry(
        row.getLong("seq"),
        Instant.ofEpochMilli(row.getLong("at_ms")),
        row.getString("actor"),
        row.getString("action"),
        Optional.ofNullable(row.getString("room_id")),
        Tx.optionalLong(row, "project_id"),
        Tx.optionalLong(row, "task_id"),
        row.getString("outcome"),
        Optional.ofNullable(row.getString("detail")));
  }
}
