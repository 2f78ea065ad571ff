package cd.chatrix.app.store.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything that differs between SQL engines, so each engine is one implementation of this
 * interface instead of a second copy of every store class. The migrations and the stores' own
 * queries keep to SQL both engines take: {@code VARCHAR}, {@code TEXT}, {@code BIGINT}, {@code
 * INTEGER} and {@code BOOLEAN} columns, times as epoch milliseconds, {@code ?} parameters,
 * savepoints, {@code LIMIT} and {@code ON CONFLICT ... DO NOTHING}. What is left over is here:
 * connecting and its settings, recognising damage and lost connections, the upsert, the migration
 * lock, listing tables, and the words messages use for where the data lives.
 */
public sealed interface Dialect permits Sqlite, Postgres {

  /** The embedded engine: {@code chatrixcd.db} in {@code storeDir}, owner-only. */
  static Dialect sqlite(Path storeDir) {
    return new Sqlite(storeDir.toAbsolutePath().normalize().resolve(Store.FILE_NAME));
  }

  /**
   * A PostgreSQL database at {@code url} ({@code postgresql://host:port/db} or the JDBC form), as
   * {@code user} with {@code password} (empty for none). The URL must not carry the password: it is
   * shown in messages.
   */
  static Dialect postgres(String url, String user, String password) {
    return Postgres.of(url, user, password);
  }

  /**
   * The same for replicas that share it under a lease of {@code leaseDuration}, renewed every
   * {@code renew}: a transaction left idle (a replica frozen in one) is ended by the server before
   * a standby may take over, so its locks never hold the take-over up.
   */
  static Dialect postgres(
      String url, String user, String password, Duration leaseDuration, Duration renew) {
    return Postgres.of(url, user, password, Postgres.idleInTransactionLimit(leaseDuration, renew));
  }

  /** Where the data lives, for messages: a file path or a URL without credentials. */
  String location();

  /**
   * Opens a connection with the engine's settings (journal, locking, keys), first preparing what
   * the engine needs around it (SQLite: the owner-only directory and file).
   */
  Connection connect() throws SQLException;

  /** Called once the schema is up to date (SQLite: restricts the files it created beside). */
  default void afterOpen() {}

  /** Whether {@code e} says the database is damaged or not a database of this engine at all. */
  boolean damaged(SQLException e);

  /** Whether {@code e} means the connection is gone and a new one may work (server restart). */
  default boolean connectionLost(SQLException e) {
    return false;
  }

  /** What to tell the operator when the database cannot be opened, after the driver's words. */
  String cannotOpenAdvice();

  /** What to tell the operator when the database is damaged. */
  String damagedAdvice();

  /** What to tell the operator when a statement fails, after the driver's words. */
  String writeFailedAdvice();

  /**
   * Whether the commits that follow on {@code connection} are on disk when they return, power cuts
   * included ({@code durable}), or may be lost to a power cut but never to a process crash (the
   * engine's everyday setting, which the store sets on every connection it opens). Called outside a
   * transaction.
   */
  default void durableCommits(Connection connection, boolean durable) throws SQLException {}

  /**
   * Makes everything committed so far durable, for a durable write that joined a transaction which
   * had started without it. A no-op where every commit is durable.
   */
  default void syncCommitted(Connection connection) throws SQLException {}

  /** Last work on the connection before it closes; failures are the caller's to ignore. */
  default void beforeClose(Connection connection) throws SQLException {}

  /**
   * A query that takes a lock held until the transaction ends, so two processes starting at once do
   * not both migrate. Empty where the transaction itself already excludes other writers.
   */
  default Optional<String> migrationLock() {
    return Optional.empty();
  }

  /** A query listing the names of this database's tables (one column). */
  String tablesQuery();

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
