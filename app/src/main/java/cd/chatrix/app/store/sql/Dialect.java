package cd.chatrix.app.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything that differs between SQL engines, so a second engine (PostgreSQL, for two replicas) is
 * one more implementation of this interface instead of a second copy of every store class. The
 * migrations and the stores' own queries keep to SQL both engines take: {@code VARCHAR}, {@code
 * TEXT}, {@code BIGINT}, {@code INTEGER} and {@code BOOLEAN} columns, times as epoch milliseconds,
 * {@code ?} parameters, savepoints, {@code LIMIT} and {@code ON CONFLICT ... DO NOTHING}.
 */
public sealed interface Dialect permits Sqlite {

  /** Opens the store's one connection with the engine's settings (journal, locking, keys). */
  Connection connect() throws SQLException;

  /** Whether {@code e} says the database is damaged or not a database of this engine at all. */
  boolean damaged(SQLException e);

  /** Last work on the connection before it closes; failures are the caller's to ignore. */
  void beforeClose(Connection connection) throws SQLException;

  /**
   * An INSERT of {@code key} and {@code values} columns that, when a row with the same key exists,
   * sets its {@code values} columns instead. The default is the {@code ON CONFLICT} form that
   * SQLite (3.24+) and PostgreSQL (9.5+) share.
   */
  default String upsert(String table, List<String> key, List<String> values) {
    List<String> columns = Stream.concat(key.stream(), values.stream()).toList();
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ") ON CONFLICT ("
        + String.join(", ", key)
        + ") DO UPDATE SET "
        + values.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
  }
}
