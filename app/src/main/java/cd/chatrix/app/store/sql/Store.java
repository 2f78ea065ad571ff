package cd.chatrix.app.store.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's SQLite database at {@code <storeDir>/chatrixcd.db}.
 *
 * <p>Concurrency: one JDBC connection guarded by a {@link ReentrantLock}. SQLite admits a single
 * writer at a time anyway, and the bot writes a few rows per chat message, so a pool would add
 * threads contending for the same file lock without adding throughput. A {@code ReentrantLock}
 * rather than {@code synchronized} lets a waiting virtual thread unmount from its carrier instead
 * of pinning it while another thread does file I/O. Reentrancy is what makes nesting work: a
 * repository call made inside {@link #inTransaction} joins the caller's transaction (as a
 * savepoint) instead of deadlocking or committing early.
 *
 * <p>What is particular to SQLite (connection settings, damage detection, the checkpoint at close,
 * the files beside the database) is in {@link Sqlite}, behind {@link Dialect}.
 *
 * <p>Do not hand work that uses the store to another thread and wait for it inside a transaction
 * body: that thread would wait for the lock the body holds.
 */
public final class Store implements AutoCloseable {
  /** File name of the database inside the store directory. */
  public static final String FILE_NAME = "chatrixcd.db";

  private static final Logger LOG = LoggerFactory.getLogger(Store.class);

  /** A transaction body that returns a value. */
  @FunctionalInterface
  public interface TxFunction<T> {
    T apply(Tx tx) throws SQLException;
  }

  /** A transaction body without a result. */
  @FunctionalInterface
  public interface TxAction {
    void accept(Tx tx) throws SQLException;
  }

  private final Path database;
  private final Sqlite dialect;
  private final Connection connection;
  private final Tx tx;
  private final ReentrantLock lock = new ReentrantLock();
  private int schemaVersion;
  private boolean closed;

  private Store(Sqlite dialect, Connection connection) {
    this.database = dialect.file();
    this.dialect = dialect;
    this.connection = connection;
    this.tx = new Tx(connection);
  }

  /**
   * Opens (creating if needed) the store and brings it up to {@code migrations}: in production the
   * one list {@code cd.chatrix.app.store.Schema.MIGRATIONS}, in tests sometimes a shorter one.
   */
  public static Store open(Path storeDir, List<Migration> migrations) {
    Path dir = storeDir.toAbsolutePath().normalize();
    Path database = dir.resolve(FILE_NAME);
    try {
      PrivateFiles.directory(dir)
          .ifPresent(before ->
              LOG.warn(
                  "The store directory {} was accessible to other users ({}); it is now"
                      + " restricted to its owner (rwx------).",
                  dir,
                  before));
      PrivateFiles.file(database);
    } catch (IOException e) {
      throw new StoreException(
          "Cannot prepare the store directory "
              + dir
              + " ("
              + e
              + "). Check that matrix.store_path points to a directory this user may write.",
          e);
    }
    Sqlite dialect = new Sqlite(database);
    Connection connection = connect(dialect);
    try {
      Store store = new Store(dialect, connection);
      store.schemaVersion = new Migrator(store, database, migrations).migrate();
      store.restrictSideFiles();
      return store;
    } catch (StoreException e) {
      closeQuietly(connection);
      if (e.getCause() instanceof SQLException sql && dialect.damaged(sql)) {
        throw damaged(database, sql);
      }
      throw e;
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static Connection connect(Sqlite dialect) {
    try {
      return dialect.connect();
    } catch (SQLException e) {
      if (dialect.damaged(e)) {
        throw damaged(dialect.file(), e);
      }
      throw new StoreException(
          "Cannot open the store database "
              + dialect.file()
              + " ("
              + e.getMessage()
              + "). If the file is damaged, restore it from a backup or move it away to start fresh.",
          e);
    }
  }

  private static StoreException damaged(Path database, SQLException e) {
    return new StoreException(
        "The store file "
            + database
            + " is not a SQLite database or is damaged. Restore it from a backup, or move it away"
            + " to start with an empty store (the bot will then log in and sync from scratch).",
        e);
  }

  /** Absolute path of the database file. */
  public Path databaseFile() {
    return database;
  }

  /** What this engine does differently, for statements that differ between engines. */
  public Dialect dialect() {
    return dialect;
  }

  /** The schema version the database is at after opening. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * Runs {@code body} atomically: everything it writes is committed together, or nothing is when it
   * throws. Called inside another transaction on the same thread, it becomes a savepoint of that
   * transaction, so repository methods compose. {@link SQLException}s come out as {@link
   * StoreException}; other exceptions are rethrown unchanged after the rollback.
   */
  public <T> T inTransaction(TxFunction<T> body) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("The store " + database + " is closed.");
      }
      return lock.getHoldCount() > 1 ? nested(body) : outermost(body);
    } finally {
      lock.unlock();
    }
  }

  /** {@link #inTransaction(TxFunction)} for bodies without a result. */
  public void doInTransaction(TxAction body) {
    inTransaction(t -> {
      body.accept(t);
      return null;
    });
  }

  private <T> T outermost(TxFunction<T> body) {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw failure("start a transaction", e);
    }
    boolean committed = false;
    try {
      T result = body.apply(tx);
      connection.commit();
      committed = true;
      return result;
    } catch (SQLException e) {
      throw failure("write", e);
    } finally {
      if (!committed) {
        rollbackQuietly();
      }
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // A connection that cannot leave the transaction is unusable; the next call reports it.
        closed = true;
        closeQuietly(connection);
      }
    }
  }

  private <T> T nested(TxFunction<T> body) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw failure("start a nested transaction", e);
    }
    try {
      T result = body.apply(tx);
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException e) {
      rollbackTo(savepoint, e);
      throw failure("write", e);
    } catch (RuntimeException | Error e) {
      rollbackTo(savepoint, e);
      throw e;
    }
  }

  private void rollbackTo(Savepoint savepoint, Throwable cause) {
    try {
      connection.rollback(savepoint);
      connection.releaseSavepoint(savepoint);
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is what the caller needs to see.
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException(
        "Store "
            + database
            + ": could not "
            + what
            + " ("
            + e.getMessage()
            + "). Check free disk space and that no other program holds the file locked.",
        e);
  }

  private void restrictSideFiles() {
    try {
      for (Path file : dialect.sideFiles()) {
        PrivateFiles.restrictIfPresent(file);
      }
    } catch (IOException e) {
      throw new StoreException(
          "Cannot restrict the permissions of the store files next to "
              + database
              + " ("
              + e
              + ").",
          e);
    }
  }

  /** Flushes the WAL into the database file and closes the connection. Safe to call twice. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        dialect.beforeClose(connection);
      } catch (SQLException ignored) {
        // Checkpointing is an optimisation; SQLite replays the WAL on the next open.
      }
      closeQuietly(connection);
    } finally {
      lock.unlock();
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing useful to do: the process is giving the connection up either way.
    }
  }

  @Override
  public String toString() {
    return "Store[" + database + "]";
  }
}
