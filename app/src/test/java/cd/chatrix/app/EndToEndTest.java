package cd.chatrix.app;

import static cd.chatrix.app.demo.RoomEvents.body;
import static cd.chatrix.app.demo.RoomEvents.eventId;
import static cd.chatrix.app.demo.RoomEvents.isEdit;
import static cd.chatrix.app.demo.RoomEvents.mentions;
import static cd.chatrix.app.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.demo.DemoSandbox;
import cd.chatrix.app.run.Shutdown;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.nio.file.Path;
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
  private static final Duration ANSWER = Duration.ofSeconds(30);
  private static final Duration RUN = Duration.ofSeconds(60);

  private DemoSandbox sandbox;
  private Shutdown shutdown;
  private TestUser person;
  private String bot;
  private String room;
  private long project;

  @BeforeEach
  void startTheBot() throws Exception {
    sandbox = DemoSandbox.start();
    shutdown = new Shutdown(Duration.ofSeconds(5));
    shutdown.register("sandbox", sandbox);
    new DemoRunner(BotServices.live())
        .startBot(sandbox, LaunchOptions.logOnly(Path.of("config.json")), shutdown);
    person = sandbox.person();
    bot = sandbox.botUserId();
    room = sandbox.roomId();
    project = sandbox.projectId();
    // The bot has joined the room it was invited to: from now on it hears commands.
    person.awaitEvent(
        room,
        e ->
            "m.room.member".equals(e.path("type").asString(""))
                && bot.equals(e.path("state_key").asString(""))
                && "join".equals(e.path("content").path("membership").asString("")),
        ANSWER);
  }

  @AfterEach
  void stopTheBot() {
    shutdown.stopAll();
  }

  @Test
  void aRunConfirmedByReactionIsWatchedToSuccessAndAnnouncedWithAMention() {
    JsonNode prompt = replyTo(say("!cd run " + project + " " + sandbox.templates().deploy()));
    assertThat(body(prompt)).contains("Deploy web");
    assertThat(sandbox.semaphore().requests().count("POST", "/api/project/")).isZero();

    person.react(room, eventId(prompt), "👍");

    JsonNode announcement = awaitBot(mentions(person.userId()), RUN);
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
    JsonNode announcement = awaitBot(mentions(person.userId()), RUN);
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
    awaitUntil(
        () -> "waiting_confirmation".equals(sandbox.semaphore().status(1)),
        "task 1 waits to be confirmed");

    replyTo(say("!cd confirm"));

    awaitBot(mentions(person.userId()), RUN);
    assertThat(sandbox.semaphore().status(1)).isEqualTo("success");
    assertThat(sandbox.semaphore().requests().count("POST", "/api/project/" + project + "/tasks/"))
        .as("a confirm request reached Semaphore")
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void anotherCommandWhileAConfirmationIsPendingIsAnsweredAndTheConfirmationStillWorks() {
    replyTo(say("!cd run " + project + " " + sandbox.templates().deploy()));

    JsonNode pong = replyTo(say("!cd ping"));
    assertThat(body(pong)).isNotBlank();

    say("yes");
    awaitBot(mentions(person.userId()), RUN);
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

  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    org.awaitility.Awaitility.await(what).atMost(RUN).until(condition::getAsBoolean);
  }

  // --- the person's side --------------------------------------------------------------------

  private String say(String text) {
    return person.sendText(room, text);
  }

  private JsonNode replyTo(String commandEventId) {
    return awaitBot(repliesTo(commandEventId), ANSWER);
  }

  private JsonNode awaitBot(Predicate<JsonNode> wanted, Duration wait) {
    return person.awaitEvent(
        room,
        e ->
            fromBot(e)
                && "m.room.message".equals(e.path("type").asString(""))
                && !isEdit(e)
                && wanted.test(e),
        wait);
  }

  private boolean fromBot(JsonNode event) {
    return bot.equals(event.path("sender").asString(""));
  }
}
