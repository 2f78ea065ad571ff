package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.eventId;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real app (configuration file, SQLite store, Matrix and Semaphore adapters, bot) against the
 * testkit homeserver and Semaphore simulator; a person drives it from a room and each scenario
 * checks what the room and the simulator saw.
 */
class EndToEndTest {
  private LiveBot live;
  private DemoSandbox sandbox;
  private TestUser person;
  private String room;
  private long project;

  @BeforeEach
  void startTheBot() {
    // The bot has joined the room it was invited to: from now on it hears commands.
    live = LiveBot.start(config -> {});
    sandbox = live.sandbox();
    person = live.person();
    room = live.room();
    project = live.project();
  }

  @AfterEach
  void stopTheBot() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void aRunConfirmedByReactionIsWatchedToSuccessAndAnnouncedWithAMention() {
    JsonNode prompt = replyTo(say("!cd run " + project + " " + sandbox.templates().deploy()));
    assertThat(body(prompt)).contains("Deploy web");
    assertThat(sandbox.semaphore().requests().count("POST", "/api/project/")).isZero();

    person.react(room, eventId(prompt), "👍");

    JsonNode announcement = awaitBot(mentions(person.userId()), LiveBot.RUN);
    assertThat(body(announcement)).contains("Deploy web");
    assertThat(sandbox.semaphore().requests().count("POST", "/api/project/" + project + "/tasks"))
        .isEqualTo(1);
    // One status message for the run, edited in place as its state moved.
    assertThat(person.timeline(room)).anyMatch(e -> fromBot(e) && isEdit(e));
  }

  @Test
  void aFailingRunQuotesTheFailedHost() {
    int patch = sandbox.templates().patch();
    replyTo(say("!cd run " + project + " " + patch));
    say("yes");

    // The announcement mentions the requester and quotes what failed where, with the recap.
    JsonNode announcement = awaitBot(mentions(person.userId()), LiveBot.RUN);
    assertThat(body(announcement))
        .contains("restart nginx")
        .contains("web2")
        .contains("PLAY RECAP");
  }

  @Test
  void aTaskWaitingForConfirmationCanBeConfirmedFromChat() {
    int plan = sandbox.templates().plan();
    replyTo(say("!cd run " + project + " " + plan));
    say("yes");
    awaitUntil(() -> "waiting_confirmation".equals(statusOf(1)), "task 1 waits to be confirmed");
    // The requester is told, with a mention, how to answer; that is not yet the end of the run.
    JsonNode waits =
        awaitBot(mentions(person.userId()).and(e -> body(e).contains("go-ahead")), LiveBot.RUN);
    assertThat(body(waits)).contains("!cd confirm 1").contains("!cd reject 1");

    replyTo(say("!cd confirm"));

    awaitBot(mentions(person.userId()), LiveBot.RUN);
    assertThat(sandbox.semaphore().status(1)).isEqualTo("success");
    assertThat(
            sandbox
                .semaphore()
                .requests()
                .count("POST", "/api/project/" + project + "/tasks/1/confirm"))
        .as("a confirm request reached Semaphore")
        .isEqualTo(1);
  }

  @Test
  void anotherCommandWhileAConfirmationIsPendingIsAnsweredAndTheConfirmationStillWorks() {
    replyTo(say("!cd run " + project + " " + sandbox.templates().deploy()));

    JsonNode pong = replyTo(say("!cd ping"));
    assertThat(body(pong)).isNotBlank();

    say("yes");
    awaitBot(mentions(person.userId()), LiveBot.RUN);
  }

  @Test
  void aTemplateNameWithHtmlIsShownEscaped() {
    sandbox.semaphore().createTemplate((int) project, TemplateSpec.ansible("<b>bold</b> move"));

    JsonNode list = replyTo(say("!cd templates " + project));

    String html = list.path("content").path("formatted_body").asString("");
    assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt; move").doesNotContain("<b>bold</b>");
    assertThat(body(list)).contains("<b>bold</b> move");
  }

  @Test
  void semaphoreDownGetsAClearAnswerThenItWorksAgain() {
    sandbox.semaphore().faults().failNext(50, 500);
    JsonNode down = replyTo(say("!cd projects"));
    assertThat(body(down)).doesNotContain("Demo shop").containsIgnoringCase("semaphore");

    sandbox.semaphore().faults().reset();
    JsonNode up = replyTo(say("!cd projects"));
    assertThat(body(up)).contains("Demo shop");
  }

  /** The task's status, or "absent" while the bot has not started it yet. */
  private String statusOf(int taskId) {
    try {
      return sandbox.semaphore().status(taskId);
    } catch (java.util.NoSuchElementException notYet) {
      return "absent";
    }
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    LiveBot.awaitUntil(what, condition);
  }

  // --- the person's side --------------------------------------------------------------------

  private String say(String text) {
    return live.say(room, text);
  }

  private JsonNode replyTo(String commandEventId) {
    return live.replyTo(room, commandEventId);
  }

  private JsonNode awaitBot(Predicate<JsonNode> wanted, Duration wait) {
    return live.awaitBot(room, wanted, wait);
  }

  private boolean fromBot(JsonNode event) {
    return live.botUserId().equals(event.path("sender").asString(""));
  }
}
