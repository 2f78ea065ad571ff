package cd.chatrix.app.store.sql;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single string values by namespace and key: access and refresh tokens, the sync position, device
 * ids and anything else that is one value rather than a table. Namespaces keep owners apart (for
 * example {@code "matrix.auth"}, {@code "matrix.sync"}). Binary data goes in as Base64.
 */
public final class KeyValueStore {
  private final Store store;
  private final Clock clock;
  private final String upsert;

  /** Uses the system clock for the {@code updated_at} column. */
  public KeyValueStore(Store store) {
    this(store, Clock.systemUTC());
  }

  public KeyValueStore(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.upsert =
        store
            .dialect()
            .upsert(
                "kv_entries",
                List.of("namespace", "entry_key"),
                List.of("entry_value", "updated_at"));
  }

  public Optional<String> get(String namespace, String key) {
    return store.inTransaction(tx ->
        tx.queryOne(
            "SELECT entry_value FROM kv_entries WHERE namespace = ? AND entry_key = ?",
            row -> row.getString(1),
            namespace,
            key));
  }

  public void put(String namespace, String key, String value) {
    store.doInTransaction(tx -> tx.update(upsert, namespace, key, value, clock.millis()));
  }

  /** Removes the entry; returns whether there was one. */
  public boolean delete(String namespace, String key) {
    return store.inTransaction(tx ->
        tx.update("DELETE FROM kv_entries WHERE namespace = ? AND entry_key = ?", namespace, key)
            > 0);
  }

  /**
   * Atomically replaces the value if it still is {@code expected}. An empty {@code expected} means
   * "only if absent"; an empty {@code replacement} deletes the entry. Returns whether the swap
   * happened. Token refresh uses this so two refreshes racing cannot both win.
   */
  public boolean compareAndSet(
      String namespace, String key, Optional<String> expected, Optional<String> replacement) {
    return store.inTransaction(tx -> {
      if (!get(namespace, key).equals(expected)) {
        return false;
      }
      replacement.ifPresentOrElse(
          value -> put(namespace, key, value), () -> delete(namespace, key));
      return true;
    });
  }

  /** Every entry of a namespace, ordered by key. */
  public Map<String, String> entries(String namespace) {
    return store.inTransaction(tx -> {
      Map<String, String> result = new LinkedHashMap<>();
      tx.query(
          "SELECT entry_key, entry_value FROM kv_entries WHERE namespace = ? ORDER BY entry_key",
          row -> result.put(row.getString(1), row.getString(2)),
          namespace);
      return result;
    });
  }
}
