package cd.chatrix.app.store.sql;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL database reached over the network. The URL is shown in messages, so it never holds
 * the password (the configuration refuses one there); the password is kept apart and left out of
 * {@link #toString()}.
 *
 * @param idleInTransaction how long the server lets a transaction of ours sit idle before it ends
 *     it (see {@link #idleInTransactionLimit})
 */
record Postgres(
    String jdbcUrl, String location, String user, String password, Duration idleInTransaction)
    implements Dialect {
  private static final String SCHEME = "postgresql://";
  private static final String JDBC = "jdbc:";
  private static final Driver DRIVER = new org.postgresql.Driver();

  /**
   * The idle-in-transaction limit with the default lease, and the most it ever is: our transactions
   * last milliseconds, and a frozen process should let go of its locks soon.
   */
  static final Duration MAX_IDLE_IN_TRANSACTION = Duration.ofSeconds(5);

  /** Any fixed number will do: it only has to be the same in every process of this bot. */
  private static final long MIGRATION_LOCK_KEY = 0x43_68_61_74_72_69_78L; // "Chatrix"

  /** Seconds to wait for the server to accept a connection before saying it is unreachable. */
  private static final int CONNECT_TIMEOUT_S = 10;

  static Postgres of(String url, String user, String password) {
    return of(url, user, password, MAX_IDLE_IN_TRANSACTION);
  }

  /**
   * How long a transaction may sit idle for replicas whose lease lasts {@code leaseDuration} and is
   * renewed every {@code renew}. A replica frozen mid-transaction (SIGSTOP, a paused VM) holds the
   * lease row's lock, which every fenced transaction takes, until the server ends that transaction.
   * It renewed its lease at most {@code renew} before it froze, so a standby may take over {@code
   * leaseDuration - renew} after the freeze at the earliest: the lock must be gone by then, or the
   * take-over waits for it. So: that, and never more than {@link #MAX_IDLE_IN_TRANSACTION}. The
   * configuration keeps {@code renew} at most half the duration, so this is at least 1 s.
   */
  static Duration idleInTransactionLimit(Duration leaseDuration, Duration renew) {
    Duration beforeTakeOver = leaseDuration.minus(renew);
    if (beforeTakeOver.isNegative() || beforeTakeOver.isZero()) {
      throw new IllegalArgumentException(
          "the lease ("
              + leaseDuration
              + ") must last longer than its renewal period ("
              + renew
              + ")");
    }
    return beforeTakeOver.compareTo(MAX_IDLE_IN_TRANSACTION) < 0
        ? beforeTakeOver
        : MAX_IDLE_IN_TRANSACTION;
  }

  static Postgres of(String url, String user, String password, Duration idleInTransaction) {
    String plain = url.strip();
    if (plain.startsWith(JDBC)) {
      plain = plain.substring(JDBC.length());
    }
    if (!plain.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "a PostgreSQL URL starts with postgresql:// (for example"
              + " postgresql://db.example.org:5432/chatrixcd)");
    }
    return new Postgres(JDBC + plain, withoutQuery(plain), user, password, idleInTransaction);
  }

  /** Host, port and database only: the query may name files or options nobody needs to read. */
  private static String withoutQuery(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    } catch (URISyntaxException e) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query);
    }
  }

  @Override
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (!user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "chatrixcd");
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
    // A connection dropped by a firewall is noticed instead of waited on for ever.
    properties.setProperty("tcpKeepAlive", "true");
    // Batches of INSERTs (store migrate) travel as multi-row statements.
    properties.setProperty("reWriteBatchedInserts", "true");
    // A replica paused in the middle of a transaction (SIGSTOP, a frozen VM) would hold its row
    // locks, the lease row's among them, for as long as its TCP connection lives, and no standby
    // could take over. Our transactions last milliseconds: the server ends one idle for longer
    // than the lease leaves before a take-over (idleInTransactionLimit).
    properties.setProperty(
        "options", "-c idle_in_transaction_session_timeout=" + idleInTransaction.toMillis());
    // The driver itself, not DriverManager, which would load every driver on the class path.
    Connection connection = DRIVER.connect(jdbcUrl, properties);
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver did not take " + location);
    }
    return connection;
  }

  /**
   * Everyday commits do not wait for the server's disk ({@code synchronous_commit} off, for this
   * session only): like SQLite's WAL at NORMAL, a crash of the bot loses nothing, a crash of the
   * database server may lose the last fraction of a second of commits, and nothing is ever half
   * written. Without it every transaction waited for a disk sync (docs/bench/postgresql.md). The
   * lease's own connection keeps the server's default: its commits decide who leads.
   */
  @Override
  public void durableCommits(Connection connection, boolean durable) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("SET synchronous_commit = " + (durable ? "on" : "off"));
    }
  }

  /**
   * A commit that waits for the disk waits for everything written before it: a transaction with an
   * id of its own ({@code txid_current()} gives it one) committed with {@code synchronous_commit}
   * on makes the earlier commits durable too.
   */
  @Override
  public void syncCommitted(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("SET synchronous_commit = on");
      statement.execute("SELECT txid_current()");
      statement.execute("SET synchronous_commit = off");
    }
  }

  /** SQLSTATE XX001 data_corrupted, XX002 index_corrupted. */
  @Override
  public boolean damaged(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    return state.equals("XX001") || state.equals("XX002");
  }

  /** Class 08 (connection exception) and 57P01-03 (the server shut down or is starting). */
  @Override
  public boolean connectionLost(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    return state.startsWith("08") || state.startsWith("57P0");
  }

  @Override
  public String cannotOpenAdvice() {
    return "Check that PostgreSQL runs and accepts connections there, and store.url, store.user and"
        + " store.password_file.";
  }

  @Override
  public String damagedAdvice() {
    return "reports damaged data. Restore the database from a backup (see the PostgreSQL"
        + " documentation on corruption), then start the bot again.";
  }

  @Override
  public String writeFailedAdvice() {
    return "Check that PostgreSQL is up and has free disk space; the bot reconnects by itself.";
  }

  @Override
  public Optional<String> migrationLock() {
    return Optional.of("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
  }

  @Override
  public String tablesQuery() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        + " AND table_type = 'BASE TABLE' ORDER BY table_name";
  }

  @Override
  public String toString() {
    return "Postgres[" + location + ", user " + user + "]";
  }
}
