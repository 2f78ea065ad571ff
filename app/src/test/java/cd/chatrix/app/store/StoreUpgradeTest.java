package cd.chatrix.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cd.chatrix.app.store.bot.FileAliasStore;
import cd.chatrix.app.store.bot.SqlStores;
import cd.chatrix.app.store.crypto.SqlCryptoStore;
import cd.chatrix.app.store.matrix.SqlOutboxStore;
import cd.chatrix.app.store.matrix.SqlSessionStore;
import cd.chatrix.app.store.matrix.SqlSyncStateStore;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.bot.store.Subscription;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import cd.chatrix.crypto.store.StoredOlmSession;
import cd.chatrix.crypto.store.StoredRequest;
import cd.chatrix.matrix.auth.Session;
import cd.chatrix.matrix.send.PendingSend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store written by the build before storage moved into this package (schema version 3, kept as
 * the SQL dump {@code chatrixcd-v3.sql}) opens with today's migrations and keeps everything: the
 * Matrix session, sync position and outbox, the crypto state, the bot's runs, confirmations, audit
 * entries and room settings, and the aliases file beside it. On PostgreSQL the upgraded store is
 * then moved there as {@code chatrixcd store migrate} does ({@link StoreCopy}), and everything is
 * read back from the copy.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StoreUpgradeTest {
  private static final String ROOM = "!room:example.org";

  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect moved;

  /** The upgraded store on this test's engine: the SQLite file itself, or its copy. */
  private Store open() {
    if (engine == Engine.SQLITE) {
      return Store.open(dir, Schema.MIGRATIONS);
    }
    if (moved == null) {
      moved = engine.fresh(dir.resolve("moved"));
      StoreCopy.copy(Dialect.sqlite(dir), moved);
    }
    return Store.open(moved, Schema.MIGRATIONS);
  }

  @BeforeEach
  void restoreTheOldStore() throws IOException, SQLException {
    Files.createDirectories(dir);
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.FILE_NAME));
        Statement statement = db.createStatement()) {
      for (String sql : statements(resource("chatrixcd-v3.sql"))) {
        statement.execute(sql);
      }
    }
    Files.writeString(dir.resolve("aliases.json"), resource("aliases-v3.json"));
  }

  @Test
  void theOldStoreIsAtVersionThreeWithTheUnusedTables() throws SQLException {
    assertThat(tables()).contains("monitored_runs", "send_transactions", "bot_runs");
    assertThat(versions()).containsExactly(1, 2, 3);
  }

  @Test
  void upgradingDropsOnlyTheUnusedTablesAndAddsTheLeaderLease() throws SQLException {
    List<String> before = tables();

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      assertThat(store.schemaVersion()).isEqualTo(Schema.MIGRATIONS.size());
    }

    List<String> expected = new ArrayList<>(before);
    expected.removeAll(List.of("monitored_runs", "send_transactions"));
    expected.add("leader_lease");
    expected.sort(null);
    assertThat(tables()).containsExactlyElementsOf(expected);
    assertThat(versions()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    try (Store store = open()) {
      List<String> tables =
          store.inTransaction(tx -> tx.query(store.dialect().tablesQuery(), r -> r.getString(1)));
      assertThat(tables).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void theMatrixSessionSyncPositionAndOutboxSurvive() {
    try (Store store = open()) {
      KeyValueStore values = new KeyValueStore(store);

      Session session = new SqlSessionStore(values).load().orElseThrow();
      assertThat(session.homeserver()).isEqualTo(URI.create("https://matrix.example.org"));
      assertThat(session.userId()).isEqualTo("@bot:example.org");
      assertThat(session.deviceId()).isEqualTo("BOTDEVICE");
      assertThat(session.accessToken()).isEqualTo("syt_access_token_v3");
      assertThat(session.refreshToken()).contains("syr_refresh_token_v3");

      SqlSyncStateStore sync = new SqlSyncStateStore(store);
      assertThat(sync.since()).contains("s72_4_since");
      assertThat(sync.isHandled("$handled-event")).isTrue();

      assertThat(new SqlOutboxStore(store).pending())
          .extracting(PendingSend::txnId, PendingSend::roomId)
          .containsExactly(tuple("txn-7", ROOM));
    }
  }

  @Test
  void theCryptoStateSurvives() {
    try (Store store = open()) {
      SqlCryptoStore crypto = new SqlCryptoStore(store);

      assertThat(crypto.accountPickle()).contains("sealed-account-pickle");
      assertThat(crypto.olmSessions("curveKeyA"))
          .containsExactly(new StoredOlmSession("curveKeyA", "olm-1", "sealed-olm", 1000, 2000));
      assertThat(crypto.inboundGroupSession(ROOM, "megolm-1"))
          .contains(
              new StoredInboundGroupSession(
                  ROOM, "megolm-1", "curveKeyA", "edKeyA", "sealed-inbound", 3, false));
      assertThat(crypto.outboundGroupSession(ROOM).orElseThrow().sharedWith())
          .containsExactly("@alice:example.org|ALICEDEV");
      assertThat(crypto.devices("@alice:example.org")).containsOnlyKeys("ALICEDEV");
      assertThat(crypto.trackedUsers()).isEqualTo(Map.of("@alice:example.org", false));
      assertThat(crypto.messageIndexOwner(ROOM, "megolm-1", 3)).contains("$decrypted");
      assertThat(crypto.outgoingRequests())
          .containsExactly(new StoredRequest("req-1", "{\"type\":\"keys_upload\"}"));
      assertThat(crypto.pendingEvents(ROOM, "megolm-2")).hasSize(1);
      assertThat(crypto.value("backup_version")).contains("7");
    }
  }

  @Test
  void theBotsRunsConfirmationsAuditRoomsAndAliasesSurvive() {
    try (Store store = open()) {
      Stores bot = SqlStores.open(store, dir.resolve("aliases.json"));

      MonitoredRun run = bot.runs().byTask(new TaskRef(4, 99)).getFirst();
      assertThat(run.state()).isEqualTo(TaskState.RUNNING);
      assertThat(run.approver()).contains("@carol:example.org");
      assertThat(run.startedAt())
          .contains(Instant.parse("2026-11-22T03:00:00.123456789Z").plusNanos(1_500));
      assertThat(run.streamedRows()).isEqualTo(42);
      assertThat(bot.runs().active()).extracting(r -> r.task().taskId()).containsExactly(99L);

      assertThat(bot.confirmations().all())
          .extracting(PendingConfirmation::id)
          .containsExactly("confirm-1", "confirm-2");
      assertThat(bot.confirmations().claimedStarts()).as("old questions stay questions").isEmpty();
      PendingConfirmation full = bot.confirmations().all().getFirst();
      assertThat(full.threadRoot()).contains("$thread-root");
      assertThat(full.action())
          .isInstanceOfSatisfying(
              PendingAction.Run.class,
              r -> assertThat(r.request().branch()).contains("release/1.2"));

      assertThat(bot.audit().recent(5))
          .singleElement()
          .satisfies(e -> {
            assertThat(e.user()).isEqualTo("@alice:example.org");
            assertThat(e.taskId()).contains(99L);
            assertThat(e.outcome()).isEqualTo("started");
          });

      var room = bot.rooms().get(ROOM);
      assertThat(room.logStreaming()).isTrue();
      assertThat(room.subscriptions()).containsExactly(new Subscription(4, Optional.of(12L), true));

      assertThat(new FileAliasStore(dir.resolve("aliases.json")).load())
          .isEqualTo(Map.of("deploy", "run 4 12"));
    }
  }

  @Test
  void housekeepingRunsOnTheUpgradedStore() {
    try (Store store = open();
        Housekeeping housekeeping =
            Housekeeping.manual(
                store,
                Housekeeping.Retention.defaults(),
                InstantSource.fixed(Instant.parse("2028-01-01T00:00:00Z")))) {
      Housekeeping.Swept swept = housekeeping.sweep();

      // Two years on: the finished run, the handled event and the audit entry are old enough.
      assertThat(swept).isEqualTo(new Housekeeping.Swept(1, 1, 1));
      assertThat(SqlStores.open(store, dir.resolve("aliases.json")).runs().active()).hasSize(1);
    }
  }

  private List<String> tables() throws SQLException {
    return query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  }

  private List<Integer> versions() throws SQLException {
    return query("SELECT version FROM schema_version ORDER BY version").stream()
        .map(Integer::valueOf)
        .toList();
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.FILE_NAME));
        var rows = db.createStatement().executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString(1));
      }
      return out;
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = StoreUpgradeTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The dump ends every statement with a semicolon at the end of a line, and nothing else does. */
  static List<String> statements(String dump) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dump.split("\n")) {
      if (current.isEmpty() && (line.isBlank() || line.startsWith("--"))) {
        continue;
      }
      current.append(line).append('\n');
      if (line.endsWith(";")) {
        out.add(current.toString());
        current.setLength(0);
      }
    }
    assertThat(current.toString()).as("an unterminated statement").isBlank();
    return out;
  }
}
