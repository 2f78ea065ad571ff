package cd.chatrix.app.store.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/** The embedded engine: one file, its write-ahead log beside it. */
record Sqlite(Path file) implements Dialect {
  private static final int BUSY_TIMEOUT_MS = 10_000;

  @Override
  public Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // With WAL, NORMAL survives application crashes; only a power cut can lose the last commits.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // IMMEDIATE takes the write lock at BEGIN, so a read-then-write transaction never fails
    // halfway with SQLITE_BUSY when a second process (a backup tool, an instance) uses the file.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }

  @Override
  public boolean damaged(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT");
  }

  /** Leaves a single self-contained file behind, which is what people copy as a backup. */
  @Override
  public void beforeClose(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  /** The files SQLite may create next to the database, which hold the same secrets. */
  List<Path> sideFiles() {
    return List.of(Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"));
  }
}
