package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.PendingConfirmation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link ConfirmationStore} on the app's {@code pending_confirmations} table: id, room, requester
 * and times in columns (so expiry sweeps and admin tools can read them), the rest in the JSON
 * payload.
 */
public final class SqlConfirmationStore implements ConfirmationStore {
  private static final String COLUMNS = "confirmation_id, room_id, requester, payload";

  private final Store store;
  private final String upsert;

  public SqlConfirmationStore(Store store) {
    this.store = store;
    this.upsert =
        store
            .dialect()
            .upsert(
                "pending_confirmations",
                List.of("confirmation_id"),
                List.of("room_id", "requester", "payload", "created_at", "expires_at"));
  }

  /** Stores or replaces the confirmation with the same id. */
  @Override
  public void save(PendingConfirmation c) {
    String payload = ConfirmationCodec.encode(c);
    store.doInTransaction(tx ->
        tx.update(
            upsert,
            c.id(),
            c.roomId(),
            c.requester(),
            payload,
            c.createdAt().toEpochMilli(),
            c.expiresAt().toEpochMilli()));
  }

  /**
   * The DELETE's row count decides: SQLite deletes a row once, so of any number of racing callers
   * (threads or processes) exactly one sees a count of 1.
   */
  @Override
  public boolean remove(String id) {
    return store.inTransaction(
            tx -> tx.update("DELETE FROM pending_confirmations WHERE confirmation_id = ?", id))
        > 0;
  }

  @Override
  public Optional<PendingConfirmation> byPrompt(String roomId, String promptEventId) {
    return select(" WHERE room_id = ? ORDER BY created_at, confirmation_id", roomId).stream()
        .filter(c -> c.promptEventId().equals(promptEventId))
        .findFirst();
  }

  /**
   * Oldest first, like the in-memory store: the columns keep milliseconds, so the payload's full
   * times break ties.
   */
  @Override
  public List<PendingConfirmation> all() {
    return select(" ORDER BY created_at, confirmation_id").stream()
        .sorted(Comparator.comparing(PendingConfirmation::createdAt))
        .toList();
  }

  private List<PendingConfirmation> select(String clauses, Object... args) {
    return store.inTransaction(tx ->
        tx.query(
            "SELECT " + COLUMNS + " FROM pending_confirmations" + clauses,
            SqlConfirmationStore::read,
            args));
  }

  private static PendingConfirmation read(ResultSet row) throws SQLException {
    return ConfirmationCodec.decode(
        row.getString("confirmation_id"),
        row.getString("room_id"),
        row.getString("requester"),
        row.getString("payload"));
  }
}
