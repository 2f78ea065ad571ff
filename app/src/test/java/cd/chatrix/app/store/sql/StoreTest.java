package cd.chatrix.app.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.matrix.ProcessedEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's behaviour, the same on every SQL engine; {@link SqliteStoreTest} has the rest. */
@ParameterizedClass
@EnumSource(Engine.class)
class StoreTest {
  @TempDir Path temp;
  @Parameter Engine engine;
  private Dialect database;

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(temp.resolve("store"));
    }
    return database;
  }

  @Test
  void dataSurvivesCloseAndReopen() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      new KeyValueStore(store, Clock.systemUTC()).put("matrix.sync", "since", "s42_7");
    }
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      assertThat(new KeyValueStore(store, Clock.systemUTC()).get("matrix.sync", "since"))
          .contains("s42_7");
      assertThat(store.schemaVersion()).isEqualTo(Schema.MIGRATIONS.size());
      assertThat(store.location()).isEqualTo(database().location());
    }
  }

  @Test
  void theFenceGuardsWritesOnlyOncePerTransactionAndReadsGoWithoutIt() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      KeyValueStore kv = new KeyValueStore(store, Clock.systemUTC());
      kv.put("ns", "before", "1");
      java.util.concurrent.atomic.AtomicInteger checks =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean leading =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      store.fenceWith(tx -> {
        checks.incrementAndGet();
        if (!leading.get()) {
          throw new java.sql.SQLException("not the leader any more");
        }
      });

      assertThat(kv.get("ns", "before")).contains("1");
      assertThat(checks).as("a read passes without the fence").hasValue(0);
      store.doInTransaction(tx -> {
        kv.put("ns", "a", "1");
        kv.put("ns", "b", "2");
      });
      assertThat(checks).as("once for the transaction, before its first write").hasValue(1);
      store.confirmFence();
      assertThat(checks).hasValue(2);

      leading.set(false);
      assertThat(kv.get("ns", "a")).as("a deposed process still reads").contains("1");
      assertThatThrownBy(() -> kv.put("ns", "c", "3")).isInstanceOf(StoreException.class);
      assertThatThrownBy(store::confirmFence).isInstanceOf(StoreException.class);
      assertThat(kv.get("ns", "c")).as("the refused write left nothing").isEmpty();
    }
  }

  @Test
  void refusesADatabaseWrittenByANewerSchema() {
    Dialect dir = database();
    List<Migration> newer = new ArrayList<>(Schema.MIGRATIONS);
    newer.add(Migration.of(newer.size() + 1, "from the future", "CREATE TABLE future (x TEXT)"));
    try (Store store = Store.open(dir, newer)) {
      assertThat(store.schemaVersion()).isEqualTo(newer.size());
    }

    int known = Schema.MIGRATIONS.size();
    assertThatThrownBy(() -> Store.open(dir, Schema.MIGRATIONS))
        .isInstanceOfSatisfying(
            SchemaTooNewException.class,
            e -> {
              assertThat(e.found()).isEqualTo(known + 1);
              assertThat(e.supported()).isEqualTo(known);
            })
        .hasMessageContaining("schema version " + (known + 1))
        .hasMessageContaining("up to " + known)
        .hasMessageContaining("Upgrade ChatrixCD")
        .hasMessageContaining("restore a backup")
        .hasMessageContaining(dir.location());
    // Refusing must not have touched the data the newer build wrote.
    try (Store store = Store.open(dir, newer)) {
      assertThat(store.schemaVersion()).isEqualTo(known + 1);
    }
  }

  @Test
  void migrationsRunOnceAcrossReopens() {
    Dialect dir = database();
    List<Migration> migrations =
        List.of(
            Migration.of(1, "counter table", "CREATE TABLE counter (n INTEGER NOT NULL)"),
            Migration.of(2, "seed", "INSERT INTO counter (n) VALUES (1)"));
    for (int i = 0; i < 3; i++) {
      try (Store store = Store.open(dir, migrations)) {
        assertThat(store.schemaVersion()).isEqualTo(2);
      }
    }
    try (Store store = Store.open(dir, migrations)) {
      int rows =
          store.inTransaction(
              tx -> tx.queryOne("SELECT COUNT(*) FROM counter", r -> r.getInt(1)).orElseThrow());
      assertThat(rows).isEqualTo(1);
      List<Integer> versions =
          store.inTransaction(tx ->
              tx.query("SELECT version FROM schema_version ORDER BY version", r -> r.getInt(1)));
      assertThat(versions).containsExactly(1, 2);
    }
  }

  @Test
  void aFailingMigrationLeavesThePreviousVersion() {
    Dialect dir = database();
    List<Migration> broken =
        List.of(
            Migration.of(1, "ok", "CREATE TABLE a (x TEXT)"),
            Migration.of(2, "half", "CREATE TABLE b (x TEXT)", "THIS IS NOT SQL"));
    assertThatThrownBy(() -> Store.open(dir, broken)).isInstanceOf(StoreException.class);
    try (Store store = Store.open(dir, broken.subList(0, 1))) {
      assertThat(store.schemaVersion()).isEqualTo(1);
      boolean tableB =
          store.inTransaction(
              tx -> tx.query(store.dialect().tablesQuery(), r -> r.getString(1)).contains("b"));
      assertThat(tableB).isFalse();
    }
  }

  @Test
  void migrationListsMustBeNumberedWithoutGaps() {
    List<Migration> gap =
        List.of(Migration.of(1, "a", "CREATE TABLE a (x TEXT)"), Migration.of(3, "c", "SELECT 1"));
    assertThatThrownBy(() -> Store.open(database(), gap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without gaps");
  }

  @Test
  void theDialectsUpsertInsertsAndThenReplacesOnlyTheValueColumns() {
    List<Migration> table =
        List.of(
            Migration.of(
                1, "t", "CREATE TABLE t (k1 TEXT, k2 TEXT, a TEXT, b TEXT, PRIMARY KEY (k1, k2))"));
    try (Store store = Store.open(database(), table)) {
      String upsert = store.dialect().upsert("t", List.of("k1", "k2"), List.of("a", "b"));

      store.doInTransaction(tx -> {
        tx.update(upsert, "x", "y", "1", "2");
        tx.update(upsert, "x", "z", "3", "4");
        tx.update(upsert, "x", "y", "5", "6");
      });

      List<String> rows =
          store.inTransaction(tx ->
              tx.query("SELECT k1 || k2 || a || b FROM t ORDER BY k2", row -> row.getString(1)));
      assertThat(rows).containsExactly("xy56", "xz34");
    }
  }

  @Test
  void transactionRollsBackWhenTheBodyThrows() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      KeyValueStore kv = new KeyValueStore(store, Clock.systemUTC());
      kv.put("ns", "kept", "1");
      assertThatThrownBy(() ->
              store.doInTransaction(tx -> {
                kv.put("ns", "kept", "changed");
                kv.put("ns", "new", "2");
                throw new IllegalStateException("boom");
              }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");
      assertThat(kv.get("ns", "kept")).contains("1");
      assertThat(kv.get("ns", "new")).isEmpty();
      // The store is still usable afterwards.
      kv.put("ns", "after", "3");
      assertThat(kv.get("ns", "after")).contains("3");
    }
  }

  @Test
  void aFailedNestedTransactionRollsBackOnlyItsOwnWrites() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      KeyValueStore kv = new KeyValueStore(store, Clock.systemUTC());
      store.doInTransaction(tx -> {
        kv.put("ns", "outer", "1");
        try {
          store.doInTransaction(inner -> {
            kv.put("ns", "inner", "2");
            throw new IllegalArgumentException("inner fails");
          });
        } catch (IllegalArgumentException expected) {
          // The outer transaction decides to carry on.
        }
      });
      assertThat(kv.get("ns", "outer")).contains("1");
      assertThat(kv.get("ns", "inner")).isEmpty();
    }
  }

  @Test
  void sqlErrorsBecomeStoreExceptionsThatSayWhatToCheck() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      assertThatThrownBy(
              () -> store.doInTransaction(tx -> tx.update("INSERT INTO nowhere VALUES (1)")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("nowhere");
    }
  }

  @Test
  void closedStoreRefusesWork() {
    Store store = Store.open(database(), Schema.MIGRATIONS);
    store.close();
    store.close();
    assertThatThrownBy(() -> new KeyValueStore(store, Clock.systemUTC()).get("a", "b"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void manyVirtualThreadsWriteConcurrentlyWithoutLosingUpdates() throws Exception {
    int threads = 200;
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      KeyValueStore kv = new KeyValueStore(store, Clock.systemUTC());
      ProcessedEvents events = new ProcessedEvents(store);
      kv.put("test", "counter", "0");
      List<Future<?>> futures = new ArrayList<>();
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < threads; i++) {
          int n = i;
          futures.add(
              executor.submit(() -> {
                events.markProcessed("!r:x", "$e" + n, java.time.Instant.now());
                // Read-modify-write in one transaction: lost updates would show in the final count.
                store.doInTransaction(tx -> {
                  int value = Integer.parseInt(kv.get("test", "counter").orElseThrow());
                  kv.put("test", "counter", Integer.toString(value + 1));
                });
              }));
        }
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      }
      assertThat(kv.get("test", "counter")).contains(Integer.toString(threads));
      for (int i = 0; i < threads; i++) {
        assertThat(events.isProcessed("$e" + i)).isTrue();
      }
      assertThat(kv.compareAndSet("test", "counter", Optional.of("0"), Optional.of("x"))).isFalse();
    }
  }
}
