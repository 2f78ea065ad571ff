package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.python.SystemPython;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's matrix-nio misses the bot's room key (the homeserver accepts the to-device message and
 * loses it), cannot read the bot's answer, asks the bot's devices for the key, gets it again and
 * reads the answer.
 */
class NioKeyRequestTest {
  private static final String PYTHON = SystemPython.PATH;
  private static final String ASK = "!cd projects";
  private static final String ANSWER = "Projects: deploy, backup";
  private static final String NIO = "@nio:localhost";

  @TempDir Path dir;

  @Test
  void nioThatMissedTheRoomKeyAsksTheBotAndReadsItsAnswer() throws Exception {
    Path script = NioScripts.unpack(dir, "nio_key_request.py");
    Path nioStore = Files.createDirectories(dir.resolve("nio-store"));
    Path output = dir.resolve("nio.log");
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
        Process nio =
            new ProcessBuilder(
                    PYTHON,
                    script.toString(),
                    hs.baseUri().toString(),
                    NIO,
                    "nio-password",
                    room,
                    bot.userId(),
                    nioStore.toString(),
                    ASK,
                    ANSWER)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
          await()
              .atMost(Duration.ofSeconds(60))
              .failFast(() -> !nio.isAlive() && nio.exitValue() != 0)
              .until(() ->
                  bot.events.stream()
                      .anyMatch(e ->
                          e.sender().equals(NIO)
                              && e.type().equals("m.room.message")
                              && e.body().equals(ASK)));
          String answerId = bot.notice(room, ANSWER);

          boolean finished = nio.waitFor(90, TimeUnit.SECONDS);
          String log = Files.readString(output, StandardCharsets.UTF_8);
          assertThat(finished).as("nio finished in time; its output:%n%s", log).isTrue();
          assertThat(nio.exitValue()).as("nio exit status; its output:%n%s", log).isZero();
          assertThat(log)
              .as("nio could not read the answer, asked, then read it; its output:%n%s", log)
              .containsSubsequence(
                  "UNDECRYPTABLE " + answerId,
                  "REQUESTED ",
                  "DECRYPTED " + answerId + " " + ANSWER,
                  "DONE");
        } finally {
          nio.destroyForcibly();
        }
      }
    }
  }
}
