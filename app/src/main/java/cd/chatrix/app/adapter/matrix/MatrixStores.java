package cd.chatrix.app.adapter.matrix;

import cd.chatrix.app.store.matrix.SqlOutboxStore;
import cd.chatrix.app.store.matrix.SqlSessionStore;
import cd.chatrix.app.store.matrix.SqlSyncStateStore;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.MatrixClient;

/**
 * The three things the matrix client persists, all in the app's database: the session, the sync
 * position with the handled event ids, and the outbox of unconfirmed sends, which marks the event a
 * send answers handled in the same transaction as the send. No extra tables are needed: everything
 * lives in {@code kv_entries} and {@code processed_events}.
 */
public record MatrixStores(
    SqlSessionStore sessions, SqlSyncStateStore syncState, SqlOutboxStore outbox) {

  public static MatrixStores on(Store store) {
    KeyValueStore values = new KeyValueStore(store);
    SqlSyncStateStore syncState = new SqlSyncStateStore(store);
    return new MatrixStores(
        new SqlSessionStore(values), syncState, new SqlOutboxStore(store, values, syncState));
  }

  /** Points a client builder at these stores. */
  public MatrixClient.Builder applyTo(MatrixClient.Builder builder) {
    return builder.sessionStore(sessions).syncStateStore(syncState).outboxStore(outbox);
  }
}
