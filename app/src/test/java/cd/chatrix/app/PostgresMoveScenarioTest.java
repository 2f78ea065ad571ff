package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.adapter.crypto.CryptoPerson;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.StoreCopy;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An install moved from SQLite to PostgreSQL ({@code store migrate}) is the same bot: the same
 * device, and the Megolm key it received before the move still opens a message sent to it while it
 * was stopped. The SQLite file is moved away before the restart, so all of it came from PostgreSQL.
 */
class PostgresMoveScenarioTest {
  private static final Duration DECRYPT = Duration.ofSeconds(5);
  private static final Consumer<ObjectNode> SQLITE =
      config -> LiveBot.botSection(config).put("rate_limit_per_minute", 0);

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
        CryptoPerson laptop =
            new CryptoPerson(
                live.sandbox()
                    .homeserver()
                    .loginUser(live.person().userId(), DemoSandbox.PERSON_PASSWORD))) {
      String bot = live.botUserId();
      String room =
          live.person()
              .createRoom(
                  CreateRoomOptions.named("secure ops")
                      .withEncryption(true)
                      .withInvitees(bot)
                      .withPowerLevel(bot, 50));
      live.awaitMembership(room, bot, "join");
      List<String> members = List.of(laptop.userId(), bot);
      String before = laptop.sendEncrypted(room, members, "!cd ping");
      botSays(laptop, room, bot, repliesTo(before));
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
      assertThat(body(botSays(laptop, room, bot, repliesTo(whileMoving))))
          .as("the answer to the message sent before the move")
          .isNotBlank();
    }
  }

  /** The bot's next encrypted message that {@code reader} can decrypt and that matches. */
  private static JsonNode botSays(
      CryptoPerson reader, String room, String bot, Predicate<JsonNode> content) {
    JsonNode[] found = new JsonNode[1];
    reader.awaitEvent(
        room,
        e -> {
          if (!bot.equals(e.path("sender").asString(""))
              || !"m.room.encrypted".equals(e.path("type").asString(""))) {
            return false;
          }
          decrypt(reader, room, e).filter(content).ifPresent(c -> found[0] = c);
          return found[0] != null;
        },
        ANSWER);
    return found[0];
  }

  private static Optional<JsonNode> decrypt(CryptoPerson reader, String room, JsonNode event) {
    try {
      DecryptionResult.Decrypted d = reader.decrypt(room, event, DECRYPT);
      return Optional.of(d.content());
    } catch (AssertionError notForUs) {
      return Optional.empty();
    }
  }

  private static Predicate<JsonNode> repliesTo(String eventId) {
    return c ->
        eventId.equals(c.path("m.relates_to").path("m.in_reply_to").path("event_id").asString(""));
  }

  private static String body(JsonNode content) {
    return content.path("body").asString("");
  }
}
