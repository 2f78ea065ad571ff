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
import tools.jackson.databind.JsonNode;

/**
 * Debian's matrix-nio with libolm, a client we did not write, in an encrypted room with the bot:
 * its encrypted message reaches the bot's handler in clear, and it decrypts the bot's answer.
 */
class NioEncryptedRoomTest {
  private static final String PYTHON = SystemPython.PATH;
  private static final String ASK = "!cd projects";
  private static final String ANSWER = "Projects: deploy, backup";

  @TempDir Path dir;

  @Test
  void nioAndTheBotTalkEncryptedBothWays() throws Exception {
    Path script = NioScripts.unpack(dir, "nio_person.py");
    Path nioStore = Files.createDirectories(dir.resolve("nio-store"));
    Path output = dir.resolve("nio.log");
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
      hs.registerUser("nio", "nio-password").close();
      String nioId = "@nio:localhost";
      try (BotUnderTest bot = BotUnderTest.start(hs, dir.resolve("bot-store"));
          TestUser owner = hs.registerUser("owner", "owner-password")) {
        String room =
            owner.createRoom(
                CreateRoomOptions.named("ops")
                    .withEncryption(true)
                    .withInvitees(bot.userId(), nioId));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> bot.matrix.rooms().room(room).isPresent());
        Process nio =
            new ProcessBuilder(
                    PYTHON,
                    script.toString(),
                    hs.baseUri().toString(),
                    nioId,
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
                          e.sender().equals(nioId)
                              && e.type().equals("m.room.message")
                              && e.body().equals(ASK)));
          bot.notice(room, ANSWER);

          boolean finished = nio.waitFor(60, TimeUnit.SECONDS);
          String log = Files.readString(output, StandardCharsets.UTF_8);
          assertThat(finished).as("nio finished in time; its output:%n%s", log).isTrue();
          assertThat(nio.exitValue()).as("nio exit status; its output:%n%s", log).isZero();
          assertThat(log).contains("SENT $", "DECRYPTED $", ANSWER, "DONE");
        } finally {
          nio.destroyForcibly();
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
