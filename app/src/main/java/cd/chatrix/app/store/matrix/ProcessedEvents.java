package cd.chatrix.app.store.matrix;

import cd.chatrix.app.store.sql.Store;
import java.time.Instant;

/**
 * Matrix event ids the bot has already acted on. Marking an event and saving the sync position in
 * one {@link Store#inTransaction} means a crash between the two never makes the bot run a command
 * twice.
 */
public final class ProcessedEvents {
  private final Store store;

  public ProcessedEvents(Store store) {
    this.store = store;
  }

  /**
   * Records the event; returns {@code false} if it was already recorded (the caller should skip
   * it).
   */
  public boolean markProcessed(String roomId, String eventId, Instant at) {
    return store.inTransaction(tx ->
        tx.update(
                """
                INSERT INTO processed_events (event_id, room_id, processed_at) VALUES (?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING\
                """,
                eventId,
                roomId,
                at.toEpochMilli())
            > 0);
  }

  public boolean isProcessed(String eventId) {
    return store.inTransaction(tx ->
        tx.queryOne(
                "SELECT 1 FROM processed_events WHERE event_id = ?", row -> Boolean.TRUE, eventId)
            .isPresent());
  }

  /** Forgets events processed before {@code cutoff}; returns how many were removed. */
  public int pruneOlderThan(Instant cutoff) {
    return store.inTransaction(tx ->
        tx.update("DELETE FROM processed_events WHERE processed_at < ?", cutoff.toEpochMilli()));
  }
}
