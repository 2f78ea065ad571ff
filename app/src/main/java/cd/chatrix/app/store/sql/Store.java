package cd.chatrix.app.store.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's database: SQLite at {@code <storeDir>/chatrixcd.db} (the default) or PostgreSQL.
 *
 * <p>Concurrency: one JDBC connection guarded by a {@link ReentrantLock}, on either engine. SQLite
 * admits a single writer at a time anyway, and the bot writes a few rows per chat message, so a
 * pool would add threads contending for the same lock without adding throughput. On PostgreSQL the
 * one connection keeps the same guarantee every store's read-then-write relies on (transactions of
 * this process never interleave) without serializable isolation and retries. A {@code
 * ReentrantLock} rather than {@code synchronized} lets a waiting virtual thread unmount from its
 * carrier instead of pinning it while another thread does I/O. Reentrancy is what makes nesting
 * work: a repository call made inside {@link #inTransaction} joins the caller's transaction (as a
 * savepoint) instead of deadlocking or committing early.
 *
 * <p>A PostgreSQL connection that drops (server restart, network) fails the transaction in flight;
 * the next one opens a new connection, and the log says so once each way.
 *
 * <p>What is particular to an engine (connection settings, files, damage detection, the checkpoint
 * at close, the words of its messages) is behind {@link Dialect}.
 *
 * <p>Do not hand work that uses the store to another thread and wait for it inside a transaction
 * body: that thread would wait for the lock the body holds.
 */
public final class Store implements AutoCloseable {
  /** File name of the SQLite database inside the store directory. */
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

  /**
   * A check run in every outermost transaction that writes, before its first write and in that
   * transaction: the leader lease's fencing ({@code cd.chatrix.app.store.lease}). It throws to
   * refuse the transaction. Reads pass without it: what a deposed leader reads changes nothing.
   */
  @FunctionalInterface
  public interface Fence {
    void check(Tx tx) throws SQLException;
  }

  /** The fence of a process that holds no lease: SQLite, tools, tests. */
  private static final Fence OPEN = tx -> {};

  private final Dialect dialect;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;
  private Tx tx;
  private boolean lost;
  private boolean durableWanted;
  private int schemaVersion;
  private boolean closed;
  private volatile Fence fence = OPEN;

  private Store(Dialect dialect, Connection connection) {
    this.dialect = dialect;
    use(connection);
  }

  private void use(Connection fresh) {
    this.connection = fresh;
    this.tx = new Tx(fresh);
    this.lost = false;
    try {
      // Everyday commits: safe against a crash of this process, synced to disk in batches.
      dialect.durableCommits(fresh, false);
    } catch (SQLException e) {
      lost = true; // the next transaction opens a new connection
    }
  }

  /**
   * Opens (creating if needed) the SQLite store in {@code storeDir} and brings it up to {@code
   * migrations}: in production the one list {@code cd.chatrix.app.store.Schema.MIGRATIONS}, in
   * tests sometimes a shorter one.
   */
  public static Store open(Path storeDir, List<Migration> migrations) {
    return open(Dialect.sqlite(storeDir), migrations);
  }

  /** Opens the database {@code dialect} points at and brings it up to {@code migrations}. */
  public static Store open(Dialect dialect, List<Migration> migrations) {
    Connection connection = connect(dialect);
    try {
      Store store = new Store(dialect, connection);
      store.schemaVersion = new Migrator(store, dialect.location(), migrations).migrate();
      dialect.afterOpen();
      return store;
    } catch (StoreException e) {
      closeQuietly(connection);
      if (e.getCause() instanceof SQLException sql && dialect.damaged(sql)) {
        throw damaged(dialect, sql);
      }
      throw e;
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /**
   * The tables in the database {@code dialect} points at, read without creating or migrating
   * anything: what is there before a store is opened on it.
   */
  public static List<String> tables(Dialect dialect) {
    try (Connection connection = connect(dialect);
        var statement = connection.createStatement();
        var rows = statement.executeQuery(dialect.tablesQuery())) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new StoreException(
          "Cannot read the tables of " + dialect.location() + " (" + e.getMessage() + ").", e);
    }
  }

  private static Connection connect(Dialect dialect) {
    try {
      return dialect.connect();
    } catch (SQLException e) {
      if (dialect.damaged(e)) {
        throw damaged(dialect, e);
      }
      throw new StoreException(
          "Cannot open the store database "
              + dialect.location()
              + " ("
              + e.getMessage()
              + "). "
              + dialect.cannotOpenAdvice(),
          e);
    }
  }

  private static StoreException damaged(Dialect dialect, SQLException e) {
    return new StoreException("The store " + dialect.location() + " " + dialect.damagedAdvice(), e);
  }

  /** Where the data lives, for messages: the SQLite file or the PostgreSQL URL (no password). */
  public String location() {
    return dialect.location();
  }

  /** What this engine does differently, for statements that differ between engines. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * From now on every outermost transaction passes {@code check} before its first write, inside the
   * transaction, so what it guards (the lease epoch) cannot change before the transaction's writes
   * commit.
   */
  public void fenceWith(Fence check) {
    this.fence = check;
  }

  /**
   * Passes the fence in a transaction of its own, for an effect outside the store that this process
   * may only cause while it leads (a Semaphore task change); throws when it may not.
   */
  public void confirmFence() {
    doInTransaction(Tx::passFence);
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
    return inTransaction(body, false);
  }

  private <T> T inTransaction(TxFunction<T> body, boolean durable) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("The store " + location() + " is closed.");
      }
      return lock.getHoldCount() > 1 ? nested(body) : outermost(body, durable);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #inTransaction} for a write that gates an effect outside the store which must never
   * happen twice, e.g. taking a confirmation before starting its Semaphore task: the commit is on
   * disk when this returns, so not even a power cut can bring the write back undone (and the effect
   * with it). Everyday commits are safe against a crash of the process but not of the machine; see
   * docs/bench/reaction.md for why replies do not pay for a sync. Inside another transaction it
   * joins it, and that transaction's commit is synced.
   */
  public <T> T inDurableTransaction(TxFunction<T> body) {
    if (lock.isHeldByCurrentThread()) {
      durableWanted = true; // joins the caller's transaction, whose commit will be synced
    }
    return inTransaction(body, true);
  }

  /** {@link #inTransaction(TxFunction)} for bodies without a result. */
  public void doInTransaction(TxAction body) {
    inTransaction(t -> {
      body.accept(t);
      return null;
    });
  }

  private <T> T outermost(TxFunction<T> body, boolean durable) {
    if (lost) {
      reconnect();
    }
    durableWanted = false;
    try {
      if (durable) {
        dialect.durableCommits(connection, true);
      }
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw failure("start a transaction", e);
    }
    boolean committed = false;
    try {
      tx.begin(fence);
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
      leaveTransaction(committed && durableWanted && !durable, durable);
    }
  }

  /**
   * Back to auto-commit and the everyday sync setting; a commit that a nested durable write joined
   * is synced now (outside the transaction, where SQLite allows it).
   */
  private void leaveTransaction(boolean syncCommit, boolean wasDurable) {
    try {
      connection.setAutoCommit(true);
      if (wasDurable) {
        dialect.durableCommits(connection, false);
      }
    } catch (SQLException e) {
      // A connection that cannot leave the transaction is unusable: replace it next time.
      lost = true;
      return;
    }
    if (syncCommit) {
      try {
        dialect.syncCommitted(connection);
      } catch (SQLException e) {
        throw failure("sync a commit to disk", e);
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
    if (!lost && dialect.connectionLost(e)) {
      lost = true;
      LOG.warn(
          "Lost the connection to the store {} ({}); the next write opens a new one.",
          location(),
          e.getMessage());
    }
    return new StoreException(
        "Store "
            + location()
            + ": could not "
            + what
            + " ("
            + e.getMessage()
            + "). "
            + dialect.writeFailedAdvice(),
        e);
  }

  /**
   * Replaces a lost connection; failing, the store stays lost and the caller's retry tries again.
   */
  private void reconnect() {
    Connection fresh;
    try {
      fresh = dialect.connect();
    } catch (SQLException e) {
      throw new StoreException(
          "Store "
              + location()
              + ": still cannot reconnect ("
              + e.getMessage()
              + "). "
              + dialect.cannotOpenAdvice(),
          e);
    }
    closeQuietly(connection);
    use(fresh);
    LOG.info("Reconnected to the store {}.", location());
  }

  /** Flushes SQLite's WAL into the database file and closes the connection. Safe to call twice. */
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
    return "Store[" + location() + "]";
  }
}
