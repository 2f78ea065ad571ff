package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's matrix-nio misses the bot's room key (the homeserver accepts the to-device message and
 * loses it), cannot read the bot's answer, asks the bot's devices for the key, gets it again and
 * reads the answer.
 */
class NioKeyRequestTest {
  private static final String NIO = "@nio:localhost";

  @TempDir Path dir;

  @Test
  void nioThatMissedTheRoomKeyAsksTheBotAndReadsItsAnswer() throws Exception {
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
      hs.registerUser("nio", "nio-password").close();
      try (BotUnderTest bot = BotUnderTest.start(hs, dir.resolve("bot-store"));
          TestUser owner = hs.registerUser("owner", "owner-password")) {
        String room =
            owner.createRoom(
                CreateRoomOptions.named("ops")
                    .withEncryption(true)
                    .withInvitees(bot.userId(), NIO));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> bot.matrix.rooms().room(room).isPresent());
        // Only the bot's messages name nio in the clear (nio's own are addressed to the bot), and
        // the first of them carries the room key of the bot's answer.
        hs.faults().on("/sendToDevice/m.room.encrypted/").whereBody(NIO).loseNext(1);
        try (NioPerson nio = NioPerson.start(dir, hs, NIO, room, bot.userId(), true)) {
          nio.awaitQuestionAt(bot, NIO);
          String answerId = bot.notice(room, NioPerson.ANSWER);

          String log = nio.finished(Duration.ofSeconds(90));
          assertThat(log)
              .as("nio could not read the answer, asked, then read it; its output:%n%s", log)
              .containsSubsequence(
                  "UNDECRYPTABLE " + answerId,
                  "REQUESTED ",
                  "DECRYPTED " + answerId + " " + NioPerson.ANSWER,
                  "DONE");
        }
      }
    }
  }
}
