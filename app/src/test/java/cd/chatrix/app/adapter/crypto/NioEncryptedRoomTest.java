package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Debian's matrix-nio with libolm, a client we did not write, in an encrypted room with the bot:
 * its encrypted message reaches the bot's handler in clear, and it decrypts the bot's answer.
 */
class NioEncryptedRoomTest {

  @TempDir Path dir;

  @Test
  void nioAndTheBotTalkEncryptedBothWays() throws Exception {
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
      NioPerson.register(hs);
      try (BotUnderTest bot = BotUnderTest.start(hs, dir.resolve("bot-store"));
          TestUser owner = hs.registerUser("owner", "owner-password")) {
        String room = NioPerson.encryptedRoom(owner, bot);
        try (NioPerson nio = NioPerson.start(dir, hs, room, bot.userId(), false)) {
          nio.awaitQuestionAt(bot);
          bot.notice(room, NioPerson.ANSWER);

          assertThat(nio.finished(Duration.ofSeconds(60)))
              .contains("SENT $", "DECRYPTED $", NioPerson.ANSWER, "DONE");
        }
        JsonNode sent =
            owner.awaitEvent(
                room,
                e -> e.path("sender").asString("").equals(bot.userId()) && !e.has("state_key"),
                Duration.ofSeconds(20));
        assertThat(sent.path("type").asString())
            .as("the bot's answer went out encrypted")
            .isEqualTo("m.room.encrypted");
      }
    }
  }
}
