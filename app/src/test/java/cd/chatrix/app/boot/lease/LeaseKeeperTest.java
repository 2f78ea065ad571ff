package cd.chatrix.app.boot.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.ops.CheckResult;
import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.lease.LeaderLease;
import cd.chatrix.app.store.lease.LeaseLostException;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.StoreException;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas' lease keepers on one real PostgreSQL database (each with its own store connection,
 * as two processes have): one leads, the other stands by and takes over when the lease runs out,
 * and the deposed one can write nothing.
 */
class LeaseKeeperTest {
  private static final Duration SHORT = Duration.ofSeconds(2);
  private static final StoreConfig.Lease RENEWING =
      new StoreConfig.Lease(SHORT, Duration.ofMillis(500), Duration.ofMillis(200));

  /** A leader that never renews: a paused or cut-off process, as the others see it. */
  private static final StoreConfig.Lease SILENT =
      new StoreConfig.Lease(SHORT, Duration.ofHours(1), Duration.ofMillis(200));

  @TempDir Path dir;

  private Dialect database;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Integer> exits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void database() {
    database = Engine.POSTGRESQL.fresh(dir);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable part : opened.reversed()) {
      part.close();
    }
  }

  @Test
  void theFirstLeadsAndTheSecondStandsByNamingIt() throws Exception {
    LeaseKeeper first = keeper("host-a/1", RENEWING);
    LeaseKeeper second = keeper("host-b/2", RENEWING);

    assertThat(first.awaitLeadership(() -> false)).isTrue();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Boolean> waiting = waitInBackground(second, stop);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !second.readiness().check().getFirst().reason().contains("learn"));
    assertThat(first.role()).isEqualTo(Leadership.Role.LEADER);
    assertThat(first.readiness().check()).containsExactly(CheckResult.ok("lease"));
    assertThat(second.role()).isEqualTo(Leadership.Role.STANDBY);
    assertThat(second.readiness().check().getFirst().reason())
        .contains("standby")
        .contains("host-a/1")
        .contains("epoch " + first.epoch());
    // Renewals keep it: three lease lengths later the standby still waits.
    Thread.sleep(SHORT.multipliedBy(3).toMillis());
    assertThat(waiting).isNotDone();
    stop.set(true);
    assertThat(waiting.get(10, TimeUnit.SECONDS)).as("a stop ends the wait").isFalse();
  }

  @Test
  void aStandbyTakesOverALeaseThatRanOutAndTheOldLeaderWritesNothing() throws Exception {
    Store oldStore = store();
    LeaseKeeper old = keeper(oldStore, "host-a/1", SILENT);
    assertThat(old.awaitLeadership(() -> false)).isTrue();
    long oldEpoch = old.epoch();
    oldStore.doInTransaction(tx -> tx.update("CREATE TABLE effects (what VARCHAR(20))"));

    Store newStore = store();
    LeaseKeeper next = keeper(newStore, "host-b/2", RENEWING);
    assertThat(waitInBackground(next, new AtomicBoolean()).get(20, TimeUnit.SECONDS)).isTrue();

    assertThat(next.epoch()).isEqualTo(oldEpoch + 1);
    newStore.doInTransaction(tx -> tx.update("INSERT INTO effects VALUES ('new leader')"));
    assertThat(old.role())
        .as("its own clock says the lease ran out")
        .isNotEqualTo(Leadership.Role.LEADER);
    assertThatThrownBy(() ->
            oldStore.doInTransaction(tx -> tx.update("INSERT INTO effects VALUES ('old leader')")))
        .isInstanceOf(StoreException.class);
    assertThat(old.readiness().check().getFirst().ok()).isFalse();
    List<String> semaphoreCalls = new CopyOnWriteArrayList<>();
    RunnerPort semaphore = recording(semaphoreCalls);
    assertThatThrownBy(() -> old.guard(semaphore).start(1, null))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("Not sent to Semaphore");
    old.guard(semaphore).projects();
    next.guard(semaphore).start(1, null);
    assertThat(semaphoreCalls).as("the old leader only read").containsExactly("projects", "start");

    old.renewOnce();
    assertThat(exits)
        .as("the deposed process ends itself")
        .containsExactly(LeaseKeeper.EXIT_DEPOSED);
    List<String> written =
        newStore.inTransaction(tx -> tx.query("SELECT what FROM effects", r -> r.getString(1)));
    assertThat(written).containsExactly("new leader");
  }

  @Test
  void aTransactionFencedWithAnOlderEpochIsRefusedInTheDatabase() throws Exception {
    LeaderLease lease = lease();
    long first = lease.tryTake("a", Duration.ofMillis(1)).orElseThrow();
    Thread.sleep(20);
    long second = lease.tryTake("b", SHORT).orElseThrow();
    Store stale = store();
    stale.fenceWith(LeaderLease.fence(first));
    Store current = store();
    current.fenceWith(LeaderLease.fence(second));

    assertThatThrownBy(() -> stale.doInTransaction(tx -> tx.update("CREATE TABLE t (x INTEGER)")))
        .isInstanceOf(LeaseLostException.class);
    current.doInTransaction(tx -> tx.update("CREATE TABLE t (x INTEGER)"));
    assertThat(lease.tryTake("c", SHORT)).as("b's lease still runs").isEmpty();
  }

  @Test
  void aTakeOverWaitsForTheLeadersTransactionInFlight() throws Exception {
    LeaderLease lease = lease();
    long epoch = lease.tryTake("a", Duration.ofMillis(200)).orElseThrow();
    Store leader = store();
    leader.fenceWith(LeaderLease.fence(epoch));
    LeaderLease contender = lease();
    Thread.sleep(300);

    CompletableFuture<Optional<Long>> takeOver = new CompletableFuture<>();
    leader.doInTransaction(tx -> {
      // The first write passes the fence, which locks the lease row until the commit.
      new cd.chatrix.app.store.sql.KeyValueStore(leader, java.time.Clock.systemUTC())
          .put("test", "in-flight", "1");
      Thread.ofVirtual()
          .start(() -> {
            try {
              takeOver.complete(contender.tryTake("b", SHORT));
            } catch (Exception e) {
              takeOver.completeExceptionally(e);
            }
          });
      // The fence's share lock holds the row: the take-over cannot happen under this write.
      try {
        takeOver.get(1, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException expected) {
        return;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      throw new AssertionError("the take-over went through while the leader wrote");
    });
    assertThat(takeOver.get(10, TimeUnit.SECONDS)).contains(epoch + 1);
  }

  @Test
  void aStandbyWhoseIdleConnectionDiedLeadsWithAFreshOneAndItsFirstWriteGoesThrough()
      throws Exception {
    Store oldStore = store();
    LeaseKeeper old = keeper(oldStore, "host-a/1", SILENT);
    assertThat(old.awaitLeadership(() -> false)).isTrue();
    oldStore.doInTransaction(tx -> tx.update("CREATE TABLE effects (what VARCHAR(20))"));
    Store standbyStore = store();
    int idle =
        standbyStore.inTransaction(
            tx -> tx.queryOne("SELECT pg_backend_pid()", r -> r.getInt(1)).orElseThrow());
    // A database restart or a firewall ends the standby's idle connection while it waits.
    oldStore.inTransaction(
        tx -> tx.queryOne("SELECT pg_terminate_backend(?)", r -> r.getBoolean(1), idle));

    LeaseKeeper next = keeper(standbyStore, "host-b/2", RENEWING);
    assertThat(waitInBackground(next, new AtomicBoolean()).get(20, TimeUnit.SECONDS)).isTrue();

    standbyStore.doInTransaction(tx -> tx.update("INSERT INTO effects VALUES ('start-up')"));
  }

  @Test
  void aPlannedStopHandsTheLeaseOverAtOnce() throws Exception {
    LeaseKeeper first = keeper("host-a/1", RENEWING.withDuration(Duration.ofMinutes(5)));
    assertThat(first.awaitLeadership(() -> false)).isTrue();
    LeaseKeeper second = keeper("host-b/2", RENEWING.withDuration(Duration.ofMinutes(5)));
    CompletableFuture<Boolean> waiting = waitInBackground(second, new AtomicBoolean());
    Thread.sleep(500);
    assertThat(waiting).isNotDone();

    first.close();

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
  }

  @Test
  void aLeaderCutOffFromTheDatabaseStopsActingAndGoesOnWhenItIsBackWakingWhatWaitsForIt()
      throws Exception {
    Dialect direct = Engine.freshPostgresDatabase("lease_outage");
    CuttableLink link = new CuttableLink(java.net.URI.create(direct.location()).getPort());
    opened.add(link);
    database =
        Dialect.postgres(
            direct.location().replaceFirst(":\\d+/", ":" + link.port() + "/"),
            PostgresCluster.USER,
            "");
    Store store = store();
    LeaseKeeper keeper =
        new LeaseKeeper(
            store,
            LeaderLease.on(database, Duration.ofSeconds(1)),
            RENEWING,
            "host-a/1",
            exits::add);
    opened.add(keeper);
    assertThat(keeper.awaitLeadership(() -> false)).isTrue();
    // What the sync loop hears: woken once the lease is confirmed again, while the store answers.
    List<Leadership.Role> wokenAs = new CopyOnWriteArrayList<>();
    keeper.whenActingAgain(() -> wokenAs.add(keeper.role()));
    Thread.sleep(RENEWING.renew().multipliedBy(3));
    assertThat(wokenAs).as("renewals in good times wake nobody").isEmpty();

    link.cut();
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> keeper.role() == Leadership.Role.UNCONFIRMED);
    assertThat(keeper.readiness().check().getFirst().reason()).contains("not acting");
    assertThatThrownBy(() -> store.doInTransaction(tx -> tx.update("CREATE TABLE t (x INTEGER)")))
        .isInstanceOf(StoreException.class);

    link.restore();
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> keeper.role() == Leadership.Role.LEADER);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> {
          store.doInTransaction(tx -> tx.update("CREATE TABLE t (x INTEGER)"));
          return true;
        });
    assertThat(keeper.readiness().check()).containsExactly(CheckResult.ok("lease"));
    assertThat(exits).as("nobody took over, so it stays").isEmpty();
    assertThat(wokenAs).containsExactly(Leadership.Role.LEADER);
  }

  @Test
  void onSqliteTheOneProcessAlwaysLeadsInAFixedEpoch() throws Exception {
    Leadership sole = Leadership.sole();
    assertThat(sole.awaitLeadership(() -> true)).isTrue();
    assertThat(sole.role()).isEqualTo(Leadership.Role.LEADER);
    assertThat(sole.epoch()).isZero();
    assertThat(sole.readiness().check()).isEmpty();
  }

  /** Semaphore as the bot sees it, recording which calls reach it. */
  private static RunnerPort recording(List<String> calls) {
    return (RunnerPort)
        Proxy.newProxyInstance(
            RunnerPort.class.getClassLoader(),
            new Class<?>[] {RunnerPort.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              return method.getName().equals("projects") ? List.of() : null;
            });
  }

  private CompletableFuture<Boolean> waitInBackground(LeaseKeeper keeper, AtomicBoolean stop) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try {
            result.complete(keeper.awaitLeadership(stop::get));
          } catch (Exception e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private Store store() {
    Store store = Store.open(database, Schema.MIGRATIONS);
    opened.add(store);
    return store;
  }

  private LeaderLease lease() {
    store();
    LeaderLease lease = LeaderLease.on(database, Duration.ofSeconds(5));
    opened.add(lease);
    return lease;
  }

  private LeaseKeeper keeper(String holder, StoreConfig.Lease timing) {
    return keeper(store(), holder, timing);
  }

  private LeaseKeeper keeper(Store store, String holder, StoreConfig.Lease timing) {
    LeaseKeeper keeper =
        new LeaseKeeper(
            store, LeaderLease.on(database, Duration.ofSeconds(5)), timing, holder, exits::add);
    opened.add(keeper);
    return keeper;
  }
}
