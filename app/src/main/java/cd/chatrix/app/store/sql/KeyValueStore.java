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
  /** The kv_entries columns: owner (namespace), key and value, plus {@code updated_at}. */
  private record Columns(String table, String owner, String key, String value) {}

  private static final Columns KV_ENTRIES =
      new Columns("kv_entries", "namespace", "entry_key", "entry_value");

  private final Store store;
  private final Clock clock;
  private final Columns columns;
  private final String upsert;

  /** Uses the system clock for the {@code updated_at} column. */
  public KeyValueStore(Store store) {
    this(store, Clock.systemUTC());
  }

  public KeyValueStore(Store store, Clock clock) {
    this(store, clock, KV_ENTRIES);
  }

  private KeyValueStore(Store store, Clock clock, Columns columns) {
    this.store = store;
    this.clock = clock;
    this.columns = columns;
    this.upsert =
        store
            .dialect()
            .upsert(
                columns.table(),
                List.of(columns.owner(), columns.key()),
                List.of(columns.value(), "updated_at"));
  }

  /**
   * The same operations on another table of that shape (owner, key, value, {@code updated_at}, the
   * first two its primary key), e.g. {@code room_settings} with the room as the owner. The names
   * are the schema's own, never user input.
   */
  public static KeyValueStore onTable(
      Store store, Clock clock, String table, String owner, String key, String value) {
    return new KeyValueStore(store, clock, new Columns(table, owner, key, value));
  }

  public Optional<String> get(String namespace, String key) {
    return store.inTransaction(tx ->
        tx.queryOne(
            "SELECT " + columns.value() + " FROM " + columns.table() + whereOwnerAndKey(),
            row -> row.getString(1),
            namespace,
            key));
  }

  public void put(String namespace, String key, String value) {
    store.doInTransaction(tx -> tx.update(upsert, namespace, key, value, clock.millis()));
  }

  /** Removes the entry; returns whether there was one. */
  public boolean delete(String namespace, String key) {
    return store.inTransaction(
        tx -> tx.update("DELETE FROM " + columns.table() + whereOwnerAndKey(), namespace, key) > 0);
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
          "SELECT "
              + columns.key()
              + ", "
              + columns.value()
              + " FROM "
              + columns.table()
              + " WHERE "
              + columns.owner()
              + " = ? ORDER BY "
              + columns.key(),
          row -> result.put(row.getString(1), row.getString(2)),
          namespace);
      return result;
    });
  }

  private String whereOwnerAndKey() {
    return " WHERE " + columns.owner() + " = ? AND " + columns.key() + " = ?";
  }
}
