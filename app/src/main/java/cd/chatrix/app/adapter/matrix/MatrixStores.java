package cd.chatrix.app.adapter.matrix;

import cd.chatrix.app.store.KeyValueStore;
import cd.chatrix.app.store.Store;
import cd.chatrix.matrix.MatrixClient;

/**
 * The three things the matrix client persists, all in the app's database: the session, the sync
 * position with the handled event ids, and the outbox of unconfirmed sends. No extra tables are
 * needed: everything lives in {@code kv_entries} and {@code processed_events}.
 */
public record MatrixStores(
    SqliteSessionStore sessions, SqliteSyncStateStore syncState, SqliteOutboxStore outbox) {

  public static MatrixStores on(Store store) {
    KeyValueStore values = new KeyValueStore(store);
    return new MatrixStores(
        new SqliteSessionStore(values),
        new SqliteSyncStateStore(store),
        new SqliteOutboxStore(values));
  }

  /** Points a client builder at these stores. */
  public MatrixClient.Builder applyTo(MatrixClient.Builder builder) {
    return builder.sessionStore(sessions).syncStateStore(syncState).outboxStore(outbox);
  }
}
