package cd.chatrix.app.boot.lease;

import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.ops.ReadinessCheck;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.RunnerPort;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Whether this process is the one that acts: syncs, answers, starts and watches runs. With SQLite
 * it always is ({@link SoleProcess}); replicas sharing a PostgreSQL store hold a lease for it
 * ({@link LeaseKeeper}).
 */
public sealed interface Leadership extends AutoCloseable permits SoleProcess, LeaseKeeper {

  /** What this replica is now, for {@code /metrics}, {@code /readyz} and the console. */
  enum Role {
    /** Holds a lease it renewed in time (or has no lease to hold: SQLite). */
    LEADER,
    /** Holds the lease but could not renew it in time: acts on nothing until it has. */
    UNCONFIRMED,
    /** Waits for the leader's lease to run out. */
    STANDBY;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The one for {@code config}: a lease on PostgreSQL, the sole process on SQLite. */
  static Leadership of(ChatrixConfig config, Store store) {
    return config.store().type() == StoreConfig.Type.POSTGRESQL
        ? LeaseKeeper.start(store, config.store().lease())
        : sole();
  }

  /** A process that always leads: the demo, and every SQLite store. */
  static Leadership sole() {
    return new SoleProcess();
  }

  /**
   * Returns once this process leads; false when {@code stopRequested} said yes first. Standbys wait
   * here, asking the database every {@code store.lease.check_seconds}.
   */
  boolean awaitLeadership(BooleanSupplier stopRequested) throws InterruptedException;

  Role role();

  /** The lease epoch this process leads in: one more at every change of leader; 0 on SQLite. */
  long epoch();

  /**
   * Runs {@code action} each time this leader, having lost touch with the store or its lease,
   * confirms its lease again: loops that backed off while every write was refused (the sync loop)
   * go on at once instead of sleeping out their back-off. Never runs on SQLite.
   */
  void whenActingAgain(Runnable action);

  /**
   * Runs {@code action} with who leads (for example {@code replica host/42/ab12 leads (lease epoch
   * 3)}) when this replica starts standing by, and again when the leader it waits for changes: a
   * daemon tells its launcher so. Never runs on SQLite.
   */
  void whenStandingBy(Consumer<String> action);

  /** Semaphore as this process may use it: task changes only while it leads. */
  RunnerPort guard(RunnerPort runner);

  /** {@code lease}: failing while this replica stands by or cannot confirm its lease. */
  ReadinessCheck readiness();

  /** Stops renewing, and lets the lease go so a standby takes over without waiting it out. */
  @Override
  void close();
}
