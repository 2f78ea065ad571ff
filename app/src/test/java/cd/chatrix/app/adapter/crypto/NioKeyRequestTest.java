package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

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

  @TempDir Path dir;

  @Test
  void nioThatMissedTheRoomKeyAsksTheBotAndReadsItsAnswer() throws Exception {
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
      NioPerson.register(hs);
      try (BotUnderTest bot = BotUnderTest.start(hs, dir.resolve("bot-store"));
          TestUser owner = hs.registerUser("owner", "owner-password")) {
        String room = NioPerson.encryptedRoom(owner, bot);
        // Only the bot's messages name nio in the clear (nio's own are addressed to the bot), and
        // the first of them carries the room key of the bot's answer.
        hs.faults().on("/sendToDevice/m.room.encrypted/").whereBody(NioPerson.USER_ID).loseNext(1);
        try (NioPerson nio = NioPerson.start(dir, hs, room, bot.userId(), true)) {
          nio.awaitQuestionAt(bot);
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
