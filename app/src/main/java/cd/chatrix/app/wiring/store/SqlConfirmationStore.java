package cd.chatrix.app.wiring.store;

import cd.chatrix.app.store.PendingConfirmations;
import cd.chatrix.app.store.Store;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.PendingConfirmation;
import java.util.List;
import java.util.Optional;

/**
 * {@link ConfirmationStore} on the app's {@code pending_confirmations} table: id, room, requester
 * and times in columns (so expiry sweeps and admin tools can read them), the rest in the JSON
 * payload.
 */
public final class SqlConfirmationStore implements ConfirmationStore {
  private final Store store;
  private final PendingConfirmations table;

  public SqlConfirmationStore(Store store) {
    this.store = store;
    this.table = new PendingConfirmations(store);
  }

  @Override
  public void save(PendingConfirmation c) {
    table.save(
        new cd.chatrix.app.store.PendingConfirmation(
            c.id(),
            c.roomId(),
            c.requester(),
            ConfirmationCodec.encode(c),
            c.createdAt(),
            c.expiresAt()));
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
    return store
        .inTransaction(tx ->
            tx.query(
                "SELECT confirmation_id, room_id, requester, payload FROM pending_confirmations"
                    + " WHERE room_id = ? ORDER BY created_at, confirmation_id",
                row ->
                    ConfirmationCodec.decode(
                        row.getString("confirmation_id"),
                        row.getString("room_id"),
                        row.getString("requester"),
                        row.getString("payload")),
                roomId))
        .stream()
        .filter(c -> c.promptEventId().equals(promptEventId))
        .findFirst();
  }

  /** Oldest first, like the in-memory store. */
  @Override
  public List<PendingConfirmation> all() {
    return table.all().stream()
        .map(
            row -> ConfirmationCodec.decode(row.id(), row.roomId(), row.requester(), row.payload()))
        .sorted(java.util.Comparator.comparing(PendingConfirmation::createdAt))
        .toList();
  }
}
