package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.StoreCopy;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An install moved from SQLite to PostgreSQL ({@code store migrate}) is the same bot: the same
 * device, and the Megolm key it received before the move still opens a message sent to it while it
 * was stopped. The SQLite file is moved away before the restart, so all of it came from PostgreSQL.
 */
class PostgresMoveScenarioTest {
  private static final Consumer<ObjectNode> SQLITE = LiveBot.UNTHROTTLED;

  @Test
  void theMovedBotKeepsItsDeviceAndReadsWhatWasEncryptedForItBeforeTheMove() throws Exception {
    Dialect target = Engine.freshPostgresDatabase("moved_bot");
    Consumer<ObjectNode> onPostgres =
        SQLITE.andThen(config ->
            config
                .putObject("store")
                .put("type", "postgresql")
                .put("url", target.location())
                .put("user", PostgresCluster.USER));
    try (LiveBot live = LiveBot.start(SQLITE);
        CryptoPerson laptop = live.newDevice()) {
      String bot = live.botUserId();
      String room = live.newEncryptedRoom("secure ops");
      List<String> members = List.of(laptop.userId(), bot);
      String before = laptop.sendEncrypted(room, members, "!cd ping");
      live.awaitEncryptedReply(laptop, room, before);
      String device = live.running().matrix().session().deviceId();

      live.stopBot();
      String whileMoving = laptop.sendEncrypted(room, members, "!cd ping");
      Path sqlite = live.sandbox().workDir().resolve("store");
      StoreCopy.Report report = StoreCopy.copy(Dialect.sqlite(sqlite), target);
      assertThat(report.tables()).allMatch(StoreCopy.TableCount::matches);
      Files.move(sqlite.resolve(Store.FILE_NAME), live.sandbox().workDir().resolve("old.db"));
      live.restartBot(onPostgres);

      assertThat(live.running().config().get().store().type())
          .isEqualTo(StoreConfig.Type.POSTGRESQL);
      assertThat(sqlite.resolve(Store.FILE_NAME)).doesNotExist();
      assertThat(live.running().matrix().session().deviceId()).isEqualTo(device);
      assertThat(body(live.awaitEncryptedReply(laptop, room, whileMoving)))
          .as("the answer to the message sent before the move")
          .isNotBlank();
    }
  }

  private static String body(JsonNode content) {
    return content.path("body").asString("");
  }
}
