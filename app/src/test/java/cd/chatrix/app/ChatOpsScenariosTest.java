package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static cd.chatrix.app.LiveBot.RUN;
import static cd.chatrix.app.LiveBot.awaitUntil;
import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static cd.chatrix.app.boot.demo.RoomEvents.relation;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs, streaming, aliases and subscriptions through the real app: one bot for the class, a fresh
 * room per scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatOpsScenariosTest {
  /** The homeserver's (and Matrix's) limit on one event. */
  private static final int MAX_EVENT_BYTES = 65_536;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private LiveBot live;

  @BeforeAll
  void startTheBot() {
    live =
        LiveBot.start(config -> {
          LiveBot.botSection(config).put("rate_limit_per_minute", 0);
          // Tasks started outside chat are found on the next refresh: keep it short here.
          ((ObjectNode) config.get("plugins")).putObject("semaphore_poll").put("poll_interval", 2);
        });
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  // --- logs -----------------------------------------------------------------------------------

  @Test
  void aHugeLogIsAnsweredWithACappedTextAndTheWholeLogAsAFile() {
    String room = live.newRoom("huge log");
    int template =
        live.sandbox()
            .semaphore()
            .createTemplate(
                (int) live.project(),
                TemplateSpec.ansible("Chatty play").withScript(RunScript.largeOutput(5000)));
    int task = finishedTask(template);

    String command = live.say(room, "!cd logs " + task);

    JsonNode text = live.awaitBot(room, repliesTo(command).and(e -> !isFile(e)), ANSWER);
    JsonNode file =
        live.awaitBot(room, repliesTo(command).and(ChatOpsScenariosTest::isFile), ANSWER);
    assertThat(body(text))
        .contains("the full log is attached")
        .contains("step 5000 of task " + task)
        .doesNotContain("\u001b");
    String attached =
        new String(
            live.person().download(file.path("content").path("url").asString("")),
            StandardCharsets.UTF_8);
    assertThat(attached)
        .contains("(item=step 1 of task " + task + ")")
        .contains("(item=step 5000 of task " + task + ")")
        .doesNotContain("\u001b");
    assertThat(live.botMessages(room)).allSatisfy(ChatOpsScenariosTest::fitsOneEvent);
  }

  @Test
  void aShortLogIsAnsweredAsTextOnly() {
    String room = live.newRoom("short log");
    int task = finishedTask(live.sandbox().templates().deploy());

    JsonNode text = live.ask(room, "!cd logs " + task);

    assertThat(body(text))
        .contains("Output of task #" + task)
        .contains("changed: [web1]")
        .contains("PLAY RECAP")
        .doesNotContain("attached");
    // A reply that is not a file, and no file event follows it.
    JsonNode pong = live.ask(room, "!cd ping");
    assertThat(body(pong)).contains("Semaphore 2.12");
    assertThat(live.botMessages(room)).noneMatch(ChatOpsScenariosTest::isFile);
  }

  // --- log on: streaming into the run's thread -------------------------------------------------

  @Test
  void logOnStreamsEveryLineOfARunIntoItsThreadInOrderAndCoalesced() {
    String room = live.newRoom("streaming");
    int batches = 6;
    int perBatch = 40;
    int template =
        live.sandbox()
            .semaphore()
            .createTemplate(
                (int) live.project(),
                TemplateSpec.ansible("Trickling play")
                    .withScript(RunScript.trickle(batches, perBatch, Duration.ofMillis(900))));
    JsonNode on = live.ask(room, "!cd log on");
    assertThat(body(on)).isNotBlank();

    live.ask(room, "!cd run " + live.project() + " " + template);
    live.say(room, "yes");

    JsonNode end = live.awaitBot(room, e -> isThreadPart(e) && body(e).contains("(end)"), RUN);
    String root = relation(end).path("event_id").asString("");
    List<JsonNode> parts =
        live.botMessages(room).stream()
            .filter(ChatOpsScenariosTest::isThreadPart)
            .filter(e -> root.equals(relation(e).path("event_id").asString("")))
            .toList();
    List<String> expected = RunScript.trickleLines(batches, perBatch);
    assertInOrder(String.join("\n", parts.stream().map(e -> body(e)).toList()), expected);
    // Coalesced: a handful of messages, not one per line.
    assertThat(parts).hasSizeBetween(1, batches + 1);
    // The thread hangs off the run's status message, which the bot posted.
    assertThat(live.botMessages(room))
        .anyMatch(e -> root.equals(e.path("event_id").asString("")))
        .allSatisfy(ChatOpsScenariosTest::fitsOneEvent);
    live.awaitBot(room, mentions(live.person().userId()), RUN);
  }

  // --- aliases --------------------------------------------------------------------------------

  @Test
  void anAliasRunsTheCommandItStandsForAndIsSavedToAliasesJson() throws Exception {
    String room = live.newRoom("aliases");
    int deploy = live.sandbox().templates().deploy();

    JsonNode saved = live.ask(room, "!cd aliases add ship run " + live.project() + " " + deploy);
    assertThat(body(saved)).contains("Saved").contains("ship");

    JsonNode prompt = live.ask(room, "!cd ship");
    assertThat(body(prompt)).contains("Deploy web");
    live.say(room, "no");

    Path file = live.sandbox().workDir().resolve("aliases.json");
    assertThat(JSON.readTree(Files.readString(file)).path("ship").asString(""))
        .isEqualTo("run " + live.project() + " " + deploy);

    JsonNode refused = live.ask(room, "!cd aliases add status run 1 1");
    assertThat(body(refused)).contains("built-in command");
    assertThat(JSON.readTree(Files.readString(file)).has("status")).isFalse();

    JsonNode listed = live.ask(room, "!cd aliases");
    assertThat(body(listed)).contains("ship").contains("run " + live.project());

    JsonNode removed = live.ask(room, "!cd aliases remove ship");
    assertThat(body(removed)).contains("Removed");
    assertThat(JSON.readTree(Files.readString(file)).has("ship")).isFalse();
  }

  // --- subscriptions --------------------------------------------------------------------------

  @Test
  void aSubscribedRoomHearsOfATaskStartedOutsideChatAndAnUnsubscribedOneDoesNot() {
    String room = live.newRoom("subscribed");
    int template =
        live.sandbox()
            .semaphore()
            .createTemplate((int) live.project(), TemplateSpec.ansible("Nightly backup"));

    String recent = "/api/project/" + live.project() + "/tasks/last";
    long looksBefore = live.sandbox().semaphore().requests().count("GET", recent);
    JsonNode subscribed = live.ask(room, "!cd subscribe " + live.project() + " " + template);
    assertThat(body(subscribed)).contains("Demo shop").contains("Nightly backup");
    // The bot notes the project's newest task first; what starts after that is new to it.
    awaitUntil(
        "the bot looks at the project's recent tasks",
        () -> live.sandbox().semaphore().requests().count("GET", recent) > looksBefore);

    int task = live.sandbox().semaphore().startTask((int) live.project(), template);
    JsonNode heard =
        live.awaitBot(room, e -> body(e).contains("#" + task) && body(e).contains("Nightly"), RUN);
    assertThat(body(heard)).contains("Nightly backup");

    JsonNode unsubscribed = live.ask(room, "!cd unsubscribe " + live.project() + " " + template);
    assertThat(body(unsubscribed)).contains("No more announcements");
    JsonNode again = live.ask(room, "!cd unsubscribe " + live.project() + " " + template);
    assertThat(body(again)).contains("was not subscribed");
    JsonNode syntax = live.ask(room, "!cd subscribe");
    assertThat(body(syntax)).contains("Syntax: !cd subscribe");
  }

  /**
   * A task started the moment the subscription is confirmed is still "after" it: the feed takes its
   * starting point before the bot answers.
   */
  @Test
  void aTaskStartedRightAfterSubscribingIsAnnounced() {
    String room = live.newRoom("subscribed, then at once");
    int template =
        live.sandbox()
            .semaphore()
            .createTemplate((int) live.project(), TemplateSpec.ansible("Hotfix rollout"));
    live.ask(room, "!cd subscribe " + live.project() + " " + template);

    int task = live.sandbox().semaphore().startTask((int) live.project(), template);

    JsonNode heard = live.awaitBot(room, e -> body(e).contains("#" + task), Duration.ofSeconds(20));
    assertThat(body(heard)).contains("Hotfix rollout");
  }

  // --- helpers --------------------------------------------------------------------------------

  /** Starts a task outside chat and waits until it has ended. */
  private int finishedTask(int template) {
    int task = live.sandbox().semaphore().startTask((int) live.project(), template);
    awaitUntil(
        "task " + task + " ends",
        () -> List.of("success", "error").contains(live.sandbox().semaphore().status(task)));
    return task;
  }

  private static boolean isFile(JsonNode event) {
    return "m.file".equals(event.path("content").path("msgtype").asString(""));
  }

  private static boolean isThreadPart(JsonNode event) {
    return "m.thread".equals(relation(event).path("rel_type").asString(""));
  }

  private static void fitsOneEvent(JsonNode event) {
    assertThat(JSON.writeValueAsBytes(event).length)
        .as("size of %s", event.path("event_id").asString(""))
        .isLessThanOrEqualTo(MAX_EVENT_BYTES);
  }

  /** Each expected line appears in {@code text}, after the one before it. */
  private static void assertInOrder(String text, List<String> expected) {
    int from = 0;
    for (String line : expected) {
      int at = text.indexOf(line, from);
      assertThat(at)
          .as("\"%s\" after position %d of the streamed output", line, from)
          .isNotNegative();
      from = at + line.length();
    }
  }
}
