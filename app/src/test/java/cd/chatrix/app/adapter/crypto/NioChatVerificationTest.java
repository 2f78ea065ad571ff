package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.python.SystemPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's matrix-nio with libolm, a client we did not write, verifies the bot's device by emoji
 * while steering the bot from an encrypted room. nio 0.20 starts with a bare {@code
 * m.key.verification.start}, so the bot announces the request, a chat command accepts it, the bot
 * posts the emojis nio shows, and after "confirm" on both sides each trusts the other.
 */
class NioChatVerificationTest {
  private static final String PYTHON = SystemPython.PATH;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void nioVerifiesTheBotThroughChatCommands() throws Exception {
    Path script = NioScripts.unpack(dir, "nio_verifier.py");
    Path nioStore = Files.createDirectories(dir.resolve("nio-store"));
    Path signals = Files.createDirectories(dir.resolve("signals"));
    Path output = dir.resolve("nio.log");
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
      hs.registerUser("nio", "nio-password").close();
      String nioId = "@nio:localhost";
      try (ChatBot bot = ChatBot.start(hs, dir);
          TestUser owner = hs.registerUser("owner", "owner-password")) {
        String room =
            owner.createRoom(
                CreateRoomOptions.named("ops")
                    .withEncryption(true)
                    .withInvitees(bot.userId(), nioId));
        await().atMost(WAIT).until(() -> bot.matrix().rooms().room(room).isPresent());
        Process nio =
            new ProcessBuilder(
                    PYTHON,
                    script.toString(),
                    hs.baseUri().toString(),
                    nioId,
                    "nio-password",
                    room,
                    bot.userId(),
                    bot.deviceId(),
                    nioStore.toString(),
                    signals.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
          String nioDevice = awaitLine(output, nio, "LOGGED_IN ").substring("LOGGED_IN ".length());
          String announced = awaitBotSaid(bot, nio, output, "wants to verify");
          assertThat(announced).contains(nioId).contains("`" + nioDevice + "`");
          Files.createFile(signals.resolve("accept"));

          String posted = awaitBotSaid(bot, nio, output, "Compare these emojis");
          await()
              .atMost(WAIT)
              .failFast(() -> !nio.isAlive())
              .until(() -> nioSays(output, "EMOJI ").size() == 7);
          List<String> nioSymbols =
              nioSays(output, "EMOJI ").stream().map(l -> l.split(" ")[1]).toList();
          assertThat(symbolsIn(posted))
              .as("the emojis the bot posted are those nio shows; nio said:%n%s", log(output))
              .isEqualTo(nioSymbols);
          Files.createFile(signals.resolve("confirm"));

          awaitBotSaid(bot, nio, output, "✅ Verified");
          boolean finished = nio.waitFor(60, TimeUnit.SECONDS);
          assertThat(finished).as("nio finished in time; its output:%n%s", log(output)).isTrue();
          assertThat(nio.exitValue()).as("nio exit status; its output:%n%s", log(output)).isZero();
          assertThat(log(output)).contains("VERIFIED " + bot.deviceId(), "DONE");
          assertThat(
                  bot.bridge().machine().devices(nioId).stream()
                      .filter(d -> d.deviceId().equals(nioDevice))
                      .map(Device::trust))
              .containsExactly(LocalTrust.VERIFIED);
        } finally {
          nio.destroyForcibly();
        }
      }
    }
  }

  /** The symbols of the emoji line the bot posted, in order ("🐶 Dog 🔑 Key …"). */
  private static List<String> symbolsIn(String posted) {
    String line = posted.lines().filter(l -> l.contains("  ")).findFirst().orElseThrow();
    return Arrays.stream(line.strip().split(" {2}")).map(pair -> pair.split(" ")[0]).toList();
  }

  private static String awaitBotSaid(ChatBot bot, Process nio, Path output, String text) {
    return await()
        .atMost(WAIT)
        .failFast("nio ended early: " + text, () -> !nio.isAlive() && nio.exitValue() != 0)
        .until(() -> bot.saidSomething(text), s -> s.isPresent())
        .orElseThrow();
  }

  private static String awaitLine(Path output, Process nio, String prefix) {
    return await()
        .atMost(WAIT)
        .failFast(() -> !nio.isAlive() && nio.exitValue() != 0)
        .until(() -> nioSays(output, prefix), lines -> !lines.isEmpty())
        .getFirst();
  }

  private static List<String> nioSays(Path output, String prefix) throws IOException {
    return log(output).lines().filter(l -> l.startsWith(prefix)).toList();
  }

  private static String log(Path output) throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
  }
}
