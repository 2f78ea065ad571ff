package cd.chatrix.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Confirmations that survive a restart, so a "yes" sent while the bot was down is still understood.
 */
public final class PendingConfirmations {
  private static final String COLUMNS =
      "confirmation_id, room_id, requester, payload, created_at, expires_at";

  private final Store store;

  public PendingConfirmations(Store store) {
    this.store = store;
  }

  /** Stores or replaces the confirmation with the same id. */
  public void save(PendingConfirmation c) {
    store.doInTransaction(tx ->
        tx.update(
            "INSERT INTO pending_confirmations ("
                + COLUMNS
                + """
                ) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (confirmation_id) DO UPDATE SET room_id = excluded.room_id,
                  requester = excluded.requester, payload = excluded.payload,
                  created_at = excluded.created_at, expires_at = excluded.expires_at\
                """,
            c.id(),
            c.roomId(),
            c.requester(),
            c.payload(),
            c.createdAt().toEpochMilli(),
            c.expiresAt().toEpochMilli()));
  }

  public Optional<PendingConfirmation> find(String id) {
    return store.inTransaction(tx ->
        tx.queryOne(
            "SELECT " + COLUMNS + " FROM pending_confirmations WHERE confirmation_id = ?",
            PendingConfirmations::read,
            id));
  }

  /**
   * Removes and returns the confirmation in one step. Two answers racing (a reaction and a reply)
   * get it at most once: the loser sees empty and does nothing.
   */
  public Optional<PendingConfirmation> claim(String id) {
    return store.inTransaction(tx -> {
      Optional<PendingConfirmation> found = find(id);
      if (found.isPresent()) {
        tx.update("DELETE FROM pending_confirmations WHERE confirmation_id = ?", id);
      }
      return found;
    });
  }

  /** Every pending confirmation, oldest first. */
  public List<PendingConfirmation> all() {
    return store.inTransaction(tx ->
        tx.query(
            "SELECT "
                + COLUMNS
                + " FROM pending_confirmations ORDER BY created_at, confirmation_id",
            PendingConfirmations::read));
  }

  /** Removes and returns the confirmations that expired at or before {@code now}. */
  public List<PendingConfirmation> removeExpired(Instant now) {
    return store.inTransaction(tx -> {
      List<PendingConfirmation> expired =
          tx.query(
              "SELECT "
                  + COLUMNS
                  + " FROM pending_confirmations WHERE expires_at <= ? ORDER BY created_at",
              PendingConfirmations::read,
              now.toEpochMilli());
      tx.update("DELETE FROM pending_confirmations WHERE expires_at <= ?", now.toEpochMilli());
      return expired;
    });
  }

  private static PendingConfirmation read(ResultSet row) throws SQLException {
    return new PendingConfirmation(
        row.getString("confirmation_id"),
        row.getString("room_id"),
        row.getString("requester"),
        row.getString("payload"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        Instant.ofEpochMilli(row.getLong("expires_at")));
  }
}
