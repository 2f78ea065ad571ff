package cd.chatrix.app.wiring.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.Store;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.PendingAction;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlStoresTest {
  @TempDir Path dir;

  @Test
  void everyStoreIsDurable() {
    Path aliases = dir.resolve("aliases.json");
    try (var db = new SqlFixture(dir.resolve("store"))) {
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
    try (var store = Store.open(dir, Schema.MIGRATIONS)) {
      assertThatThrownBy(() -> SqlStores.open(store, dir.resolve("aliases.json")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("WiringSchema.all()");
    }
  }

  @Test
  void theBotsMigrationFollowsTheAppsAndUpgradesAnExistingDatabase() {
    try (var store = Store.open(dir, Schema.MIGRATIONS)) {
      assertThat(store.schemaVersion()).isEqualTo(Schema.MIGRATIONS.size());
    }
    try (var store = Store.open(dir, WiringSchema.all())) {
      assertThat(store.schemaVersion()).isEqualTo(WiringSchema.BOT_RUNS_VERSION);
      assertThat(WiringSchema.all())
          .startsWith(Schema.MIGRATIONS.toArray(new cd.chatrix.app.store.Migration[0]));
    }
  }
}
