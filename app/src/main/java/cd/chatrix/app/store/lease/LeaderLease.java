package cd.chatrix.app.store.lease;

import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The leader lease row on PostgreSQL, over a connection of its own: a renewal never waits behind
 * the store's transactions, and a stuck transaction never lets the lease run out.
 *
 * <p>Times are the database server's clock ({@code clock_timestamp()}), so replicas on hosts whose
 * clocks disagree still agree on when the lease ends. The holder's own view of its lease is kept by
 * its caller on the local monotonic clock, measured from before the renewal was sent, so it always
 * ends before the database's.
 *
 * <p>Fencing: {@link #fence} runs before the first write of every transaction of the leader (reads
 * change nothing and go without it). It locks the lease row {@code FOR KEY SHARE} if its epoch is
 * still the leader's, so a take-over ({@code SELECT ... FOR UPDATE}, which that lock blocks)
 * happens either before the transaction (which then sees the new epoch and writes nothing) or after
 * it committed. A renewal only changes {@code expires_at}, a {@code FOR NO KEY UPDATE} that the
 * share lock does not block.
 *
 * <p>PostgreSQL only: on SQLite one process owns the file, and is always the leader.
 */
public final class LeaderLease implements AutoCloseable {
  private static final String NOW_MS =
      "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

  private final Dialect dialect;
  private final Duration networkTimeout;
  private Connection connection;

  private LeaderLease(Dialect dialect, Duration networkTimeout) {
    this.dialect = dialect;
    this.networkTimeout = networkTimeout;
  }

  /**
   * The lease in the database {@code dialect} points at (migrated already); a statement that gets
   * no answer within {@code networkTimeout} fails, so an unreachable server is noticed in time.
   */
  public static LeaderLease on(Dialect dialect, Duration networkTimeout) {
    return new LeaderLease(dialect, networkTimeout);
  }

  /** The row as it is now. */
  public synchronized LeaseState read() throws SQLException {
    return inTransaction(c -> current(c, false));
  }

  /**
   * Takes the lease for {@code holder} if it has expired; returns the new epoch, or empty while
   * another holder's lease runs.
   */
  public synchronized Optional<Long> tryTake(String holder, Duration duration) throws SQLException {
    return inTransaction(c -> {
      try (PreparedStatement first =
          c.prepareStatement(
              "INSERT INTO "
                  + LeaseTable.NAME
                  + " (lease_name, holder, epoch, expires_at) VALUES (?, '', 0, 0)"
                  + " ON CONFLICT (lease_name) DO NOTHING")) {
        first.setString(1, LeaseTable.LEADER);
        first.executeUpdate();
      }
      LeaseState now = current(c, true);
      if (!now.expired()) {
        return Optional.empty();
      }
      long epoch = now.epoch() + 1;
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE "
                  + LeaseTable.NAME
                  + " SET holder = ?, epoch = ?, expires_at = "
                  + NOW_MS
                  + " + ? WHERE lease_name = ?")) {
        update.setString(1, holder);
        update.setLong(2, epoch);
        update.setLong(3, duration.toMillis());
        update.setString(4, LeaseTable.LEADER);
        update.executeUpdate();
      }
      return Optional.of(epoch);
    });
  }

  /** Extends the lease by {@code duration}; false when {@code epoch} is no longer the lease's. */
  public synchronized boolean renew(String holder, long epoch, Duration duration)
      throws SQLException {
    return inTransaction(c -> setExpiry(c, holder, epoch, NOW_MS + " + " + duration.toMillis()));
  }

  /**
   * Lets the lease end now, so a standby need not wait for it to run out (a planned stop); false
   * when {@code epoch} was no longer the lease's.
   */
  public synchronized boolean release(String holder, long epoch) throws SQLException {
    return inTransaction(c -> setExpiry(c, holder, epoch, "0"));
  }

  /**
   * The check for {@link Store#fenceWith}: a transaction of the leader of {@code epoch} passes only
   * while the lease is still in that epoch, and holds it there until it ends.
   */
  public static Store.Fence fence(long epoch) {
    return tx -> {
      boolean current =
          tx.queryOne(
                  "SELECT epoch FROM "
                      + LeaseTable.NAME
                      + " WHERE lease_name = ? AND epoch = ? FOR KEY SHARE",
                  row -> row.getLong(1),
                  LeaseTable.LEADER,
                  epoch)
              .isPresent();
      if (!current) {
        throw new LeaseLostException(epoch);
      }
    };
  }

  private static boolean setExpiry(Connection c, String holder, long epoch, String expiry)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE "
                + LeaseTable.NAME
                + " SET expires_at = "
                + expiry
                + " WHERE lease_name = ? AND holder = ? AND epoch = ?")) {
      update.setString(1, LeaseTable.LEADER);
      update.setString(2, holder);
      update.setLong(3, epoch);
      return update.executeUpdate() == 1;
    }
  }

  private static LeaseState current(Connection c, boolean forUpdate) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT holder, epoch, expires_at - "
                + NOW_MS
                + " FROM "
                + LeaseTable.NAME
                + " WHERE lease_name = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      query.setString(1, LeaseTable.LEADER);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return new LeaseState("", 0, -1); // Nobody ever led: free to take.
        }
        return new LeaseState(row.getString(1), row.getLong(2), row.getLong(3));
      }
    }
  }

  @FunctionalInterface
  private interface Body<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** One transaction on the lease connection; a failed one drops the connection for a new one. */
  private <T> T inTransaction(Body<T> body) throws SQLException {
    Connection c = connection();
    boolean done = false;
    try {
      T result = body.apply(c);
      c.commit();
      done = true;
      return result;
    } finally {
      if (!done) {
        drop();
      }
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection fresh = dialect.connect();
      try {
        fresh.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
        fresh.setAutoCommit(false);
      } catch (SQLException e) {
        fresh.close();
        throw e;
      }
      connection = fresh;
    }
    return connection;
  }

  private void drop() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Being replaced because it failed; its own close failing changes nothing.
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    drop();
  }
}
