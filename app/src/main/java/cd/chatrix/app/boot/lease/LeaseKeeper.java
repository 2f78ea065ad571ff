package cd.chatrix.app.boot.lease;

import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.logging.Logging;
import cd.chatrix.app.ops.CheckResult;
import cd.chatrix.app.ops.ReadinessCheck;
import cd.chatrix.app.store.lease.LeaderLease;
import cd.chatrix.app.store.lease.LeaseState;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.StoreException;
import cd.chatrix.bot.port.RunnerPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's side of the leader lease on a shared PostgreSQL store: waits as a standby until the
 * lease runs out, takes it, renews it on a thread of its own, and fences every store transaction
 * that writes with its epoch.
 *
 * <p>A leader that cannot renew (database unreachable, process paused) stops acting as soon as its
 * lease, counted on the local monotonic clock from before the last renewal was sent, has run out:
 * the fence then refuses every transaction before it reaches the database. When a renewal goes
 * through again in the same epoch (nobody took over meanwhile) it acts again. When the epoch has
 * moved on, another replica leads: this one ends the process at once, without the usual goodbye or
 * store close, both of which would act; its service manager starts it again as a standby. Exit code
 * 75 ({@code EX_TEMPFAIL}) says so.
 */
public final class LeaseKeeper implements Leadership {
  /** {@code EX_TEMPFAIL} from sysexits.h: start me again. */
  public static final int EXIT_DEPOSED = 75;

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final LeaderLease lease;
  private final Store store;
  private final StoreConfig.Lease timing;
  private final String holder;
  private final IntConsumer exit;
  private volatile Role role = Role.STANDBY;
  private volatile long epoch;
  private volatile long confirmedUntilNanos;
  private volatile String standbyReason = "waiting to learn who leads";
  private volatile Thread renewer;
  private volatile boolean closed;
  private boolean unreachableSaid;
  private final List<Runnable> actingAgain = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> standingBy = new CopyOnWriteArrayList<>();

  LeaseKeeper(
      Store store, LeaderLease lease, StoreConfig.Lease timing, String holder, IntConsumer exit) {
    this.store = store;
    this.lease = lease;
    this.timing = timing;
    this.holder = holder;
    this.exit = exit;
  }

  static LeaseKeeper start(Store store, StoreConfig.Lease timing) {
    return new LeaseKeeper(
        store,
        LeaderLease.on(store.dialect(), timing.duration()),
        timing,
        holderName(),
        code -> {
          Logging.shutdown();
          Runtime.getRuntime().halt(code);
        });
  }

  /** Host, PID and a random tail: unique per process, and telling in {@code /readyz}. */
  static String holderName() {
    String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("");
    if (host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown-host";
      }
    }
    byte[] tail = new byte[3];
    new SecureRandom().nextBytes(tail);
    return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(tail);
  }

  @Override
  public boolean awaitLeadership(BooleanSupplier stopRequested) throws InterruptedException {
    Optional<String> saidLeader = Optional.empty();
    while (!stopRequested.getAsBoolean() && !closed) {
      long asked = System.nanoTime();
      try {
        Optional<Long> taken = lease.tryTake(holder, timing.duration());
        reachable();
        if (taken.isPresent()) {
          lead(taken.get(), asked);
          return true;
        }
        LeaseState seen = lease.read();
        String leads = "replica " + seen.holder() + " leads (lease epoch " + seen.epoch() + ")";
        standbyReason = "standby: " + leads;
        if (!saidLeader.equals(Optional.of(seen.holder()))) {
          log.info("Standing by: {}; this one takes over when that lease runs out", leads);
          saidLeader = Optional.of(seen.holder());
          standingBy.forEach(action -> action.accept(leads));
        }
      } catch (SQLException e) {
        unreachable("Cannot reach the store to ask who leads", e);
        standbyReason = "standby: the store does not answer (" + e.getMessage() + ")";
      }
      Thread.sleep(timing.check());
    }
    return false;
  }

  private void lead(long newEpoch, long askedNanos) {
    epoch = newEpoch;
    confirmedUntilNanos = askedNanos + timing.duration().toNanos();
    store.fenceWith(tx -> {
      if (!acting()) {
        throw new StoreException(
            "This replica could not renew its leader lease in time, so it writes nothing until"
                + " the store answers again.");
      }
      LeaderLease.fence(newEpoch).check(tx);
    });
    role = Role.LEADER;
    log.info("This replica leads now (lease epoch {}, holder {})", newEpoch, holder);
    renewer = Thread.ofPlatform().daemon().name("leader-lease").start(this::renewLoop);
    checkStoreConnection();
  }

  /**
   * A standby's store connection sat idle, maybe for days: a database restart or a firewall may
   * have ended it without the store noticing. Passing the fence once (a statement on that
   * connection, which an empty transaction would not send) finds out, and the store then opens a
   * new connection, so start-up's first real write does not fail on it.
   */
  private void checkStoreConnection() {
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        store.confirmFence();
        return;
      } catch (StoreException e) {
        log.debug("The store connection did not survive the wait; opening a new one", e);
      }
    }
  }

  private void renewLoop() {
    while (!closed) {
      try {
        Thread.sleep(timing.renew());
      } catch (InterruptedException e) {
        return;
      }
      renewOnce();
    }
  }

  /** One renewal; package-private so a test can drive it without waiting. */
  void renewOnce() {
    long asked = System.nanoTime();
    try {
      if (!lease.renew(holder, epoch, timing.duration())) {
        deposed();
        return;
      }
      confirmedUntilNanos = asked + timing.duration().toNanos();
      boolean wasTroubled = unreachableSaid || role != Role.LEADER;
      reachable();
      if (role != Role.LEADER) {
        log.info("The leader lease is renewed again (epoch {}); this replica acts again", epoch);
        role = Role.LEADER;
      }
      if (wasTroubled) {
        actingAgain.forEach(LeaseKeeper::runQuietly);
      }
    } catch (SQLException e) {
      unreachable("Cannot renew the leader lease", e);
      if (!acting() && role == Role.LEADER) {
        role = Role.UNCONFIRMED;
        log.warn(
            "This replica stops acting until its lease is renewed: no renewal for {} s",
            timing.duration().toSeconds());
      }
    }
  }

  private void deposed() {
    if (closed) {
      return;
    }
    role = Role.STANDBY;
    String who = "Another replica";
    try {
      LeaseState seen = lease.read();
      who = "Replica " + seen.holder() + " (epoch " + seen.epoch() + ")";
    } catch (SQLException ignored) {
      // Who took over is a detail; leaving at once is what matters.
    }
    log.error(
        "{} took over the leader lease while this one (epoch {}) could not renew it; this process"
            + " ends now so it cannot act a second time (exit code {}; its service manager starts"
            + " it again as a standby)",
        who,
        epoch,
        EXIT_DEPOSED);
    exit.accept(EXIT_DEPOSED);
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn(
          "Waking a part of the bot after the store came back failed; it retries on its own", e);
    }
  }

  @Override
  public void whenActingAgain(Runnable action) {
    actingAgain.add(action);
  }

  @Override
  public void whenStandingBy(Consumer<String> action) {
    standingBy.add(action);
  }

  /** Whether the lease is confirmed now, on the local clock. */
  boolean acting() {
    return role != Role.STANDBY && System.nanoTime() - confirmedUntilNanos < 0;
  }

  private void unreachable(String what, SQLException e) {
    if (!unreachableSaid) {
      log.warn("{} ({}); trying again every few seconds", what, e.getMessage());
      unreachableSaid = true;
    }
  }

  private void reachable() {
    if (unreachableSaid) {
      log.info("The store answers again");
      unreachableSaid = false;
    }
  }

  @Override
  public Role role() {
    Role now = role;
    return now == Role.LEADER && !acting() ? Role.UNCONFIRMED : now;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public ReadinessCheck readiness() {
    return () ->
        switch (role()) {
          case LEADER -> List.of(CheckResult.ok("lease"));
          case STANDBY -> List.of(CheckResult.failing("lease", standbyReason));
          case UNCONFIRMED ->
              List.of(
                  CheckResult.failing(
                      "lease",
                      "leader (epoch "
                          + epoch
                          + ") that could not renew its lease in time: not acting until the"
                          + " store answers"));
        };
  }

  @Override
  public RunnerPort guard(RunnerPort runner) {
    return new LeaderOnlyRunner(runner, store);
  }

  @Override
  public void close() {
    closed = true;
    Thread thread = renewer;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (acting()) {
        try {
          if (lease.release(holder, epoch)) {
            log.info("Released the leader lease (epoch {}) for a standby to take over", epoch);
          }
        } catch (SQLException e) {
          log.warn(
              "Could not release the leader lease ({}); a standby takes over when it runs out",
              e.getMessage());
        }
      }
    }
    lease.close();
  }
}
