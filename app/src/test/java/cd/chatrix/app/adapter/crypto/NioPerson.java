package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.python.SystemPython;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code e2ee/nio_person.py} run by the system Python: a matrix-nio user (password {@code
 * nio-password}) who joins an encrypted room with the bot, asks it something and waits to read its
 * answer. Its milestones go to a log file the test reads.
 */
final class NioPerson implements AutoCloseable {
  static final String USER_ID = "@nio:localhost";
  static final String ASK = "!cd projects";
  static final String ANSWER = "Projects: deploy, backup";

  private final Process process;
  private final Path output;

  private NioPerson(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Registers nio's account on {@code hs}. */
  static void register(TestHomeserver hs) {
    hs.registerUser("nio", "nio-password").close();
  }

  /** An encrypted room of {@code owner}'s with the bot and nio invited, once the bot has it. */
  static String encryptedRoom(TestUser owner, BotUnderTest bot) {
    String room =
        owner.createRoom(
            CreateRoomOptions.named("ops")
                .withEncryption(true)
                .withInvitees(bot.userId(), USER_ID));
    await().atMost(Duration.ofSeconds(30)).until(() -> bot.matrix.rooms().room(room).isPresent());
    return room;
  }

  /**
   * Starts nio in {@code room}; with {@code askForKeys} it asks the bot for a room key it misses.
   */
  static NioPerson start(
      Path dir, TestHomeserver hs, String room, String botUserId, boolean askForKeys)
      throws IOException {
    Path script = NioScripts.unpack(dir, "nio_person.py");
    Path store = Files.createDirectories(dir.resolve("nio-store"));
    Path output = dir.resolve("nio.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                SystemPython.PATH,
                script.toString(),
                hs.baseUri().toString(),
                USER_ID,
                "nio-password",
                room,
                botUserId,
                store.toString(),
                ASK,
                ANSWER));
    if (askForKeys) {
      command.add("ask-for-keys");
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    return new NioPerson(process, output);
  }

  /** Waits until the bot's handler got nio's question in clear. */
  void awaitQuestionAt(BotUnderTest bot) {
    await()
        .atMost(Duration.ofSeconds(60))
        .failFast(() -> !process.isAlive() && process.exitValue() != 0)
        .until(() ->
            bot.events.stream()
                .anyMatch(e ->
                    e.sender().equals(USER_ID)
                        && e.type().equals("m.room.message")
                        && e.body().equals(ASK)));
  }

  /** Waits for nio to finish, checks that it did so cleanly, and returns what it said. */
  String finished(Duration within) throws InterruptedException {
    boolean finished = process.waitFor(within.toSeconds(), TimeUnit.SECONDS);
    String log;
    try {
      log = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(finished).as("nio finished in time; its output:%n%s", log).isTrue();
    assertThat(process.exitValue()).as("nio exit status; its output:%n%s", log).isZero();
    return log;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
