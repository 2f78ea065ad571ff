package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.testkit.matrix.TestUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real launcher in TUI mode inside a {@code tmux} terminal, against the test homeserver and
 * Semaphore simulator: the status shows the bot connected, the Say screen posts a message the
 * person receives, a run started from chat shows on the Tasks screen, and quitting stops the bot
 * with its goodbye.
 */
class TuiIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  // The first start may build the jar; later steps are quick.
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration STEP = Duration.ofSeconds(60);
  private static final Pattern CONNECTED = Pattern.compile("(?<!dis)connected");

  @TempDir Path dir;

  private DemoSandbox sandbox;
  private final String session = "tui-" + Long.toHexString(System.nanoTime());

  @BeforeEach
  void startServers() throws Exception {
    requireTmux();
    sandbox = DemoSandbox.start();
  }

  @AfterEach
  void stopServers() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void theConsoleShowsTheBotWorkingAndQuitsGracefully() throws Exception {
    Path config = sandbox.writeConfig();
    Path exitCode = dir.resolve("exit-code");
    TestUser person = sandbox.person();
    String room = sandbox.roomId();
    String bot = sandbox.botUserId();
    String command =
        "cd '%s' && JAVA_HOME='%s' bash '%s' -c '%s'; echo $? > '%s'; sleep 60"
            .formatted(
                dir, System.getProperty("java.home"), REPO.resolve("chatrixcd"), config, exitCode);
    try {
      tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command);

      awaitScreen("the status shows the bot connected", START, s -> CONNECTED.matcher(s).find());

      // Say: pick the room (the only one), type, Enter sends.
      keys("m");
      awaitScreen("the Say screen lists the room", STEP, s -> s.contains("ChatrixCD demo"));
      keys("Enter");
      typed("Hello from the operator console");
      keys("Enter");
      JsonNode said =
          person.awaitEvent(
              room,
              e ->
                  fromBot(e, bot)
                      && "Hello from the operator console"
                          .equals(e.path("content").path("body").asString("")),
              STEP);
      assertThat(said.path("content").path("msgtype").asString("")).isEqualTo("m.notice");

      // A run started from chat.
      String ask =
          person.sendText(
              room, "!cd run " + sandbox.projectId() + " " + sandbox.templates().deploy());
      person.awaitEvent(
          room,
          e ->
              fromBot(e, bot)
                  && ask.equals(
                      e.path("content")
                          .path("m.relates_to")
                          .path("m.in_reply_to")
                          .path("event_id")
                          .asString("")),
          STEP);
      person.sendText(room, "yes");
      home();
      keys("t");
      awaitScreen("the Tasks screen lists the run", STEP, s -> s.contains("Deploy web"));

      // Quit: the dialog's focus starts on "No"; move to "Quit" and press it.
      Set<String> seenBefore = botMessageIds(person, room, bot);
      home();
      keys("q");
      awaitScreen("the quit dialog", STEP, s -> s.contains("Stop the bot and quit?"));
      keys("Left");
      keys("Enter");
      Awaitility.await("the launcher exits")
          .atMost(STEP)
          .until(() -> Files.exists(exitCode) && !Files.readString(exitCode).isBlank());
      assertThat(Files.readString(exitCode).strip()).as("exit status").isEqualTo("0");
      // The goodbye: a bot message that was not there before (and is not the Say message).
      Set<String> known = new HashSet<>(seenBefore);
      known.add(said.path("event_id").asString(""));
      JsonNode goodbye =
          person.awaitEvent(
              room,
              e ->
                  fromBot(e, bot)
                      && !known.contains(e.path("event_id").asString(""))
                      && e.path("content").path("m.relates_to").isMissingNode()
                      && e.path("content").path("m.mentions").path("user_ids").isEmpty()
                      && !e.path("content").path("body").asString("").contains("Deploy web"),
              STEP);
      assertThat(goodbye.path("content").path("body").asString("")).isNotBlank();
    } finally {
      try {
        tmux("kill-session", "-t", session);
      } catch (RuntimeException e) {
        // Already gone with its command.
      }
      try {
        tmux("kill-server");
      } catch (RuntimeException e) {
        // No sessions left, so the server has ended by itself.
      }
    }
  }

  private static Set<String> botMessageIds(TestUser person, String room, String bot) {
    Set<String> ids = new HashSet<>();
    for (JsonNode e : person.timeline(room)) {
      if (fromBot(e, bot)) {
        ids.add(e.path("event_id").asString(""));
      }
    }
    return ids;
  }

  private static boolean fromBot(JsonNode event, String bot) {
    return bot.equals(event.path("sender").asString(""))
        && "m.room.message".equals(event.path("type").asString(""));
  }

  private void awaitScreen(String what, Duration within, Predicate<String> wanted) {
    try {
      Awaitility.await(what)
          .atMost(within)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> wanted.test(screen()));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Timed out waiting for " + what + "; the screen shows:\n" + screen());
    }
  }

  /**
   * Escape, then wait for the Home screen: a key sent right after a lone Escape would read as
   * Alt+key.
   */
  private void home() {
    keys("Escape");
    awaitScreen("the Home screen", STEP, s -> s.contains("│ Home │"));
  }

  private String screen() {
    return tmux("capture-pane", "-p", "-t", session);
  }

  private void keys(String key) {
    tmux("send-keys", "-t", session, key);
  }

  private void typed(String text) {
    tmux("send-keys", "-t", session, "-l", text);
  }

  private String tmux(String... args) {
    // A private server whose socket lives (and is removed) with the test's temporary directory.
    List<String> command =
        new ArrayList<>(List.of("tmux", "-S", dir.resolve("tmux.sock").toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("tmux " + String.join(" ", args) + " did not return");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not run tmux: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running tmux", e);
    }
  }

  private static void requireTmux() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // Not installed: fall through to the failure below.
    }
    fail(
        "This test drives the console in a terminal multiplexer: install tmux (apt-get install tmux).");
  }
}
