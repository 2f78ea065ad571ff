package cd.chatrix.app.store.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/** The embedded engine: one file, its write-ahead log beside it, readable by its owner only. */
record Sqlite(Path file) implements Dialect {
  private static final Logger LOG = LoggerFactory.getLogger(Sqlite.class);
  private static final int BUSY_TIMEOUT_MS = 10_000;

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public Connection connect() throws SQLException {
    prepareFiles();
    SqliteNativeLibrary.useCopyIn(file.getParent());
    SQLiteConfig config = new SQLiteConfig();
    // The everyday sync level is set by the store on every connection it opens (durableCommits).
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // IMMEDIATE takes the write lock at BEGIN, so a read-then-write transaction never fails
    // halfway with SQLITE_BUSY when a second process (a backup tool, an instance) uses the file.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // The driver itself, not DriverManager: its first use would load every driver on the class
    // path, PostgreSQL's with its timer thread among them (docs/bench/memory.md).
    String url = JDBC.PREFIX + file;
    Connection connection = JDBC.createConnection(url, config.toProperties());
    if (connection == null) {
      throw new SQLException("the SQLite driver did not take " + url);
    }
    return connection;
  }

  /** The database holds access tokens and encryption state: owner-only before SQLite opens it. */
  private void prepareFiles() {
    Path dir = file.getParent();
    try {
      PrivateFiles.directory(dir)
          .ifPresent(before ->
              LOG.warn(
                  "The store directory {} was accessible to other users ({}); it is now"
                      + " restricted to its owner (rwx------).",
                  dir,
                  before));
      PrivateFiles.file(file);
    } catch (IOException e) {
      throw new StoreException(
          "Cannot prepare the store directory "
              + dir
              + " ("
              + e
              + "). Check that store.path (or matrix.store_path) points to a directory this user"
              + " may write.",
          e);
    }
  }

  @Override
  public void afterOpen() {
    try {
      for (Path side : sideFiles()) {
        PrivateFiles.restrictIfPresent(side);
      }
    } catch (IOException e) {
      throw new StoreException(
          "Cannot restrict the permissions of the store files next to " + file + " (" + e + ").",
          e);
    }
  }

  @Override
  public boolean damaged(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT");
  }

  @Override
  public String cannotOpenAdvice() {
    return "If the file is damaged, restore it from a backup or move it away to start fresh.";
  }

  @Override
  public String damagedAdvice() {
    return "is not a SQLite database or is damaged. Restore it from a backup, or move it away to"
        + " start with an empty store (the bot will then log in and sync from scratch).";
  }

  @Override
  public String writeFailedAdvice() {
    return "Check free disk space and that no other program holds the file locked.";
  }

  /**
   * NORMAL, the everyday level: with WAL it survives application crashes (kill -9 included), since
   * a commit is in the WAL, i.e. the OS's page cache, before it returns; only a power cut can lose
   * the last commits, which is why writes that gate an effect that must never repeat commit
   * durably. FULL: the commit syncs the WAL before it returns, and with it every earlier commit
   * (the WAL is written in order). SQLite refuses the switch inside a transaction, so it happens
   * around one.
   */
  @Override
  public void durableCommits(Connection connection, boolean durable) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("PRAGMA synchronous = " + (durable ? "FULL" : "NORMAL"));
    }
  }

  /** A checkpoint syncs the WAL (and then the database file) even at synchronous NORMAL. */
  @Override
  public void syncCommitted(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    }
  }

  /** Leaves a single self-contained file behind, which is what people copy as a backup. */
  @Override
  public void beforeClose(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  @Override
  public String tablesQuery() {
    return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        + " ORDER BY name";
  }

  /** The files SQLite may create next to the database, which hold the same secrets. */
  List<Path> sideFiles() {
    return List.of(Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"));
  }
}
