package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.PendingAction;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlStoresTest {
  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;

  @Test
  void everyStoreIsDurable() {
    Path aliases = dir.resolve("aliases.json");
    try (var db = new SqlFixture(engine.fresh(dir.resolve("store")))) {
      var stores = SqlStores.open(db.store(), aliases);
      stores.confirmations().save(Samples.confirmation("c", new PendingAction.Exit(), 0));
      stores.runs().save(Samples.run(1, 2, "!a:x", TaskState.RUNNING, 0));
      stores.audit().append(AuditLogContract.entry(1));
      stores.aliases().save(Map.of("d", "run 1 2"));
      stores.rooms().put(RoomSettingsStoreContract.full("!a:x"));

      var after = SqlStores.open(db.restart(), aliases);

      assertThat(after.confirmations().all()).hasSize(1);
      assertThat(after.runs().active()).hasSize(1);
      assertThat(after.audit().recent(5)).containsExactly(AuditLogContract.entry(1));
      assertThat(after.aliases().load()).isEqualTo(Map.of("d", "run 1 2"));
      assertThat(after.rooms().all()).containsExactly(RoomSettingsStoreContract.full("!a:x"));
    }
  }

  @Test
  void aStoreOpenedWithoutTheBotsMigrationsIsRefusedWithAHint() {
    try (var store = Store.open(database(), Schema.MIGRATIONS.subList(0, 1))) {
      assertThatThrownBy(() -> SqlStores.open(store, dir.resolve("aliases.json")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Schema.MIGRATIONS");
    }
  }

  @Test
  void theBotsMigrationTakesItsNumberedPlaceAndUpgradesAnExistingDatabase() {
    try (var store = Store.open(database(), Schema.MIGRATIONS.subList(0, 1))) {
      assertThat(store.schemaVersion()).isEqualTo(1);
    }
    assertThat(Schema.MIGRATIONS.get(BotTables.BOT_RUNS_VERSION - 1)).isSameAs(BotTables.BOT_RUNS);
    try (var store = Store.open(database(), Schema.MIGRATIONS)) {
      assertThat(store.schemaVersion()).isEqualTo(Schema.MIGRATIONS.size());
      assertThat(SqlStores.open(store, dir.resolve("aliases.json")).runs().active()).isEmpty();
    }
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(dir);
    }
    return database;
  }
}
