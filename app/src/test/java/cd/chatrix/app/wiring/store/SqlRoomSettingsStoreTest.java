package cd.chatrix.app.wiring.store;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.RoomSettings;
import cd.chatrix.bot.store.RoomSettingsStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlRoomSettingsStoreTest extends RoomSettingsStoreContract {
  @TempDir Path dir;
  private SqlFixture db;
  private SqlRoomSettingsStore store;

  @BeforeEach
  void open() {
    db = new SqlFixture(dir);
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
    new RoomSettings(db.store()).put("!c:x", "something.else", "1");
    store.put(full("!a:x"));

    assertThat(store.all()).containsExactly(full("!a:x"));
    assertThat(store.get("!c:x")).isEqualTo(cd.chatrix.bot.store.RoomSettings.defaults("!c:x"));
  }
}
