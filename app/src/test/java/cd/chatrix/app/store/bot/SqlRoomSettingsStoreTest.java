package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.bot.store.RoomSettings;
import cd.chatrix.bot.store.RoomSettingsStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlRoomSettingsStoreTest extends RoomSettingsStoreContract {
  @TempDir Path dir;
  @Parameter Engine engine;
  private SqlFixture db;
  private SqlRoomSettingsStore store;

  @BeforeEach
  void open() {
    db = new SqlFixture(engine.fresh(dir));
    store = new SqlRoomSettingsStore(db.store());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  RoomSettingsStore store() {
    return store;
  }

  @Test
  void settingsSurviveARestart() {
    store.put(full("!a:x"));

    assertThat(new SqlRoomSettingsStore(db.restart()).get("!a:x")).isEqualTo(full("!a:x"));
  }

  @Test
  void otherComponentsSettingsInTheSameTableAreNotRooms() {
    db.store()
        .doInTransaction(tx ->
            tx.update(
                "INSERT INTO room_settings (room_id, setting, setting_value, updated_at)"
                    + " VALUES ('!c:x', 'something.else', '1', 0)"));
    store.put(full("!a:x"));

    assertThat(store.all()).containsExactly(full("!a:x"));
    assertThat(store.get("!c:x")).isEqualTo(RoomSettings.defaults("!c:x"));
  }
}
