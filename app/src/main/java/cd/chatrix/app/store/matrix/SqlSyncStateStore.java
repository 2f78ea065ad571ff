package cd.chatrix.app.store.matrix;

import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.sync.SyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * The sync position (key/value table) and the handled event ids ({@code processed_events}) in the
 * app's database. Handled ids are kept for {@link #DEFAULT_RETENTION} after they were handled:
 * servers have been seen re-sending recent timeline events after the position moved past them, and
 * the bot must not run such a command twice. Moving the position and pruning old ids happen in one
 * transaction.
 */
public final class SqlSyncStateStore implements SyncStateStore {
  /** How long handled ids are remembered. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  static final String NAMESPACE = "matrix.sync";
  static final String SINCE = "since";

  /**
   * The sync engine does not say which room an id belongs to; this marks the rows this store owns
   * in the shared table, so pruning never touches rows other components recorded.
   */
  static final String SYNC_ROWS = "";

  private final Store store;
  private final KeyValueStore values;
  private final ProcessedEvents processed;
  private final Clock clock;
  private final Duration retention;

  public SqlSyncStateStore(Store store) {
    this(store, Clock.systemUTC(), DEFAULT_RETENTION);
  }

  public SqlSyncStateStore(Store store, Clock clock, Duration retention) {
    this.store = store;
    this.values = new KeyValueStore(store, clock);
    this.processed = new ProcessedEvents(store);
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public Optional<String> since() {
    return values.get(NAMESPACE, SINCE);
  }

  @Override
  public boolean isHandled(String eventId) {
    return processed.isProcessed(eventId);
  }

  @Override
  public void markHandled(String eventId) {
    processed.markProcessed(SYNC_ROWS, eventId, clock.instant());
  }

  @Override
  public void commit(String nextBatch, Collection<String> batchEventIds) {
    long cutoff = clock.instant().minus(retention).toEpochMilli();
    store.doInTransaction(tx -> {
      values.put(NAMESPACE, SINCE, nextBatch);
      tx.update(
          "DELETE FROM processed_events WHERE room_id = ? AND processed_at < ?", SYNC_ROWS, cutoff);
    });
  }

  /** Forgets the position, so the next sync starts fresh (its events count as historic). */
  public void reset() {
    values.delete(NAMESPACE, SINCE);
  }
}
