package cd.chatrix.app.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the PostgreSQL store does: it is remote, so it can be unreachable or drop away. */
class PostgresStoreTest {
  @TempDir Path temp;

  @Test
  void aDroppedConnectionFailsOneTransactionAndTheNextOneReconnects() throws Exception {
    try (Store store = Store.open(Engine.POSTGRESQL.fresh(temp), Schema.MIGRATIONS)) {
      KeyValueStore kv = new KeyValueStore(store, Clock.systemUTC());
      kv.put("ns", "before", "1");
      int pid =
          store.inTransaction(
              tx -> tx.queryOne("SELECT pg_backend_pid()", r -> r.getInt(1)).orElseThrow());

      terminate(pid);

      assertThatThrownBy(() -> kv.get("ns", "before"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the bot reconnects by itself");
      kv.put("ns", "after", "2");
      assertThat(kv.get("ns", "before")).contains("1");
      assertThat(kv.get("ns", "after")).contains("2");
    }
  }

  @Test
  void anUnreachableServerIsNamedWithoutThePasswordAndWithWhatToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "postgresql://127.0.0.1:" + closedPort + "/chatrixcd";
    Dialect nowhere = Dialect.postgres(url + "?sslmode=disable", "bot", "s3cret-pw");

    assertThat(nowhere.toString()).doesNotContain("s3cret-pw");
    assertThatThrownBy(() -> Store.open(nowhere, Schema.MIGRATIONS))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Cannot open the store database " + url + " (")
        .hasMessageContaining("Check that PostgreSQL runs")
        .hasMessageContaining("store.password_file")
        .hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void itsTextNamesTheDatabaseButNotThePassword() {
    Dialect database =
        Dialect.postgres("postgresql://db.example:5432/chatrixcd", "chatrixcd", "pw-in-a-file-7");

    assertThat(database.toString())
        .contains("db.example:5432/chatrixcd")
        .contains("chatrixcd")
        .doesNotContain("pw-in-a-file-7");
  }

  @Test
  void theServerEndsATransactionLeftIdleBeforeAStandbyMayTakeOver() throws Exception {
    // Renewed at most `renew` before a freeze, the lease ends `duration - renew` after it.
    assertThat(Postgres.idleInTransactionLimit(Duration.ofSeconds(15), Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(Postgres.idleInTransactionLimit(Duration.ofSeconds(4), Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(Postgres.idleInTransactionLimit(Duration.ofMinutes(10), Duration.ofMinutes(1)))
        .isEqualTo(Postgres.MAX_IDLE_IN_TRANSACTION);
    assertThatThrownBy(
            () -> Postgres.idleInTransactionLimit(Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class);

    Dialect shared =
        Dialect.postgres(
            Engine.POSTGRESQL.fresh(temp).location(),
            PostgresCluster.USER,
            "",
            Duration.ofSeconds(2),
            Duration.ofSeconds(1));
    try (var connection = shared.connect();
        var statement = connection.createStatement();
        var setting = statement.executeQuery("SHOW idle_in_transaction_session_timeout")) {
      assertThat(setting.next()).isTrue();
      assertThat(setting.getString(1)).isEqualTo("1s");
    }
  }

  @Test
  void everydayCommitsDoNotWaitForTheDiskAndDurableOnesDo() {
    try (Store store = Store.open(Engine.POSTGRESQL.fresh(temp), Schema.MIGRATIONS)) {
      String everyday =
          store.inTransaction(
              tx -> tx.queryOne("SHOW synchronous_commit", r -> r.getString(1)).orElseThrow());
      String durable =
          store.inDurableTransaction(
              tx -> tx.queryOne("SHOW synchronous_commit", r -> r.getString(1)).orElseThrow());
      String joined =
          store.inTransaction(tx ->
              store.inDurableTransaction(inner ->
                  inner.queryOne("SHOW synchronous_commit", r -> r.getString(1)).orElseThrow()));
      String after =
          store.inTransaction(
              tx -> tx.queryOne("SHOW synchronous_commit", r -> r.getString(1)).orElseThrow());

      assertThat(everyday).isEqualTo("off");
      assertThat(durable).isEqualTo("on");
      assertThat(joined).as("joined: synced after its commit instead").isEqualTo("off");
      assertThat(after).isEqualTo("off");
    }
  }

  @Test
  void aUrlOfAnotherKindIsRefused() {
    assertThatThrownBy(() -> Dialect.postgres("mysql://db/x", "bot", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://");
  }

  @Test
  void replicasStartingTogetherMigrateTheDatabaseOnce() throws Exception {
    Dialect database = Engine.POSTGRESQL.fresh(temp);
    List<Future<Integer>> opened = new ArrayList<>();
    try (var executor = Executors.newFixedThreadPool(3)) {
      for (int i = 0; i < 3; i++) {
        opened.add(
            executor.submit(() -> {
              try (Store store = Store.open(database, Schema.MIGRATIONS)) {
                return store.schemaVersion();
              }
            }));
      }
      for (Future<Integer> version : opened) {
        assertThat(version.get(60, TimeUnit.SECONDS)).isEqualTo(Schema.MIGRATIONS.size());
      }
    }
    try (Store store = Store.open(database, Schema.MIGRATIONS)) {
      List<Integer> versions =
          store.inTransaction(tx ->
              tx.query("SELECT version FROM schema_version ORDER BY version", r -> r.getInt(1)));
      assertThat(versions).hasSize(Schema.MIGRATIONS.size()).doesNotHaveDuplicates();
    }
  }

  private static void terminate(int pid) throws Exception {
    PostgresCluster cluster = PostgresCluster.shared();
    try (var admin =
            DriverManager.getConnection(cluster.jdbcUrl("postgres"), PostgresCluster.USER, "");
        var statement = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      statement.setInt(1, pid);
      statement.execute();
    }
  }
}
