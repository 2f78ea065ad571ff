package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static cd.chatrix.app.LiveBot.RUN;
import static cd.chatrix.app.LiveBot.awaitUntil;
import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static cd.chatrix.app.boot.demo.RoomEvents.relation;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bot is restarted while a run it started is still going: the new process picks the run up from
 * the store, watches it to its end and announces it once, and nothing is started twice.
 */
class RestartScenarioTest {
  private static final Pattern TASK_ID = Pattern.compile("task #(\\d+)");
  private static final Consumer<ObjectNode> CONFIG = LiveBot.UNTHROTTLED;

  private LiveBot live;

  @BeforeEach
  void startTheBot() {
    live = LiveBot.start(CONFIG);
  }

  @AfterEach
  void stopEverything() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void aRunInProgressIsWatchedAfterARestartAndAnnouncedOnceWithoutRunningAgain() {
    String room = live.room();
    int template =
        live.sandbox()
            .semaphore()
            .createTemplate(
                (int) live.project(),
                TemplateSpec.ansible("Long haul").withScript(RunScript.longRunning()));
    live.ask(room, "!cd run " + live.project() + " " + template);
    live.say(room, "yes");
    JsonNode status = live.awaitBot(room, e -> TASK_ID.matcher(body(e)).find(), ANSWER);
    int task = taskId(status);
    awaitUntil(
        "task " + task + " runs", () -> "running".equals(live.sandbox().semaphore().status(task)));

    live.stopBot();
    live.restartBot(CONFIG);
    live.sandbox().semaphore().release(task);

    JsonNode announcement = live.awaitBot(room, mentions(live.person().userId()), RUN);
    assertThat(body(announcement)).contains("Long haul");
    // Anything the bot still had to say about the run is out before the answer to a later command.
    assertThat(body(live.ask(room, "!cd status " + task))).contains("success");

    assertThat(
            live.botMessages(room).stream()
                .filter(e -> !isEdit(e))
                .filter(mentions(live.person().userId()))
                .filter(repliesTo(status.path("event_id").asString(""))))
        .as("announcements of the end of task %d", task)
        .hasSize(1);
    assertThat(live.botMessages(room))
        .as("the status message was edited to its final state")
        .anyMatch(e ->
            isEdit(e)
                && status
                    .path("event_id")
                    .asString("")
                    .equals(relation(e).path("event_id").asString(""))
                && e.path("content")
                    .path("m.new_content")
                    .path("body")
                    .asString("")
                    .contains("success"));
    assertThat(live.tasksStarted()).as("POST /api/project/%d/tasks", live.project()).isEqualTo(1);
  }

  /** §11.1.11 of the original: a changed prefix in config.json reaches the running bot. */
  @Test
  void aPrefixChangedInTheConfigFileAppliesWithoutARestart() {
    String room = live.room();
    live.sandbox()
        .writeConfig(
            CONFIG.andThen(config -> LiveBot.botSection(config).put("command_prefix", "!ops")));

    JsonNode pong = live.askUntilAnswered(room, "!ops ping");
    assertThat(body(pong)).contains("Semaphore 2.12");
    // The old prefix is no longer a command: the next answer is to the new one only.
    String old = live.say(room, "!cd ping");
    JsonNode next = live.ask(room, "!ops info");
    assertThat(body(next)).contains("Monitored tasks");
    assertThat(live.botMessages(room)).noneMatch(repliesTo(old));
  }

  /** §11.1.11 of the original: messages.json is watched while the bot runs. */
  @Test
  void aChangedMessagesFileIsUsedWithoutARestart() throws Exception {
    String room = live.room();
    String purr = "Purrs in a freshly reloaded voice";
    Files.writeString(
        live.sandbox().workDir().resolve("messages.json"), "{\"pet\": [\"" + purr + "\"]}");

    Awaitility.await("the bot pets with the new text")
        .atMost(RUN)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> body(live.ask(room, "!cd pet")).contains(purr));
  }

  private static int taskId(JsonNode statusMessage) {
    Matcher m = TASK_ID.matcher(body(statusMessage));
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
