package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.eventId;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Confirmations through the real app: refused by reaction, expired, and approved by a second
 * person; each checks the room and what reached the simulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmationScenariosTest {
  private static final String DAVE = "dave";

  private LiveBot live;
  private TestUser dave;

  @BeforeAll
  void startTheBot() {
    live = LiveBot.start(config -> {});
    // Approval is configured by template id, which the sandbox only knows once it runs.
    long plan = live.sandbox().templates().plan();
    live.restartBot(config -> {
      var bot = LiveBot.botSection(config);
      bot.put("rate_limit_per_minute", 0);
      var policy = bot.putObject("policy");
      policy.putObject("roles").put("@" + DAVE + ":localhost", "operator");
      policy.putObject("require_approval").putArray("templates").add(Long.toString(plan));
    });
    dave = live.sandbox().homeserver().registerUser(DAVE, DAVE + "-pw");
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  @Test
  void aThumbsDownCancelsTheRunAndALaterYesStartsNothing() {
    String room = live.newRoom("refused");
    long before = live.tasksStarted();
    JsonNode prompt = live.ask(room, runOf(live, live.sandbox().templates().deploy()));

    live.person().react(room, eventId(prompt), "👎");

    live.awaitEditOf(room, eventId(prompt), e -> body(e).contains("Cancelled"));
    live.say(room, "yes");
    // The next command's answer proves the "yes" was read, and it started nothing.
    assertThat(body(live.ask(room, "!cd ping"))).contains("Semaphore");
    assertThat(live.tasksStarted()).isEqualTo(before);
  }

  @Test
  void aRunThatNeedsApprovalStartsOnlyOnceASecondPersonApprovesAndNamesThem() {
    String room = live.newRoom("approval");
    live.person().invite(room, dave.userId());
    dave.join(room);
    live.awaitMembership(room, dave.userId(), "join");
    long before = live.tasksStarted();

    JsonNode prompt = live.ask(room, runOf(live, live.sandbox().templates().plan()));
    assertThat(body(prompt)).contains("approval");
    live.say(room, "yes");
    live.awaitBot(room, e -> body(e).contains("approve"), LiveBot.ANSWER);
    assertThat(live.tasksStarted()).as("not before the approval").isEqualTo(before);

    dave.sendText(room, "!cd approve");

    LiveBot.awaitUntil("the run starts", () -> live.tasksStarted() == before + 1);
    JsonNode approved = live.awaitEditOf(room, eventId(prompt), e -> body(e).contains("Approved"));
    assertThat(body(approved)).contains(dave.userId());
  }

  @Test
  void anUnansweredConfirmationExpiresWithAMessageAndALateYesStartsNothing() {
    try (LiveBot quick =
        LiveBot.start(config -> LiveBot.botSection(config).put("confirmation_timeout", 10))) {
      String room = quick.room();
      long before = quick.tasksStarted();
      JsonNode prompt = quick.ask(room, runOf(quick, quick.sandbox().templates().deploy()));

      JsonNode expired =
          quick.awaitBot(
              room,
              e -> mentions(quick.person().userId()).test(e) && !eventId(e).equals(eventId(prompt)),
              Duration.ofSeconds(60));

      assertThat(body(expired)).isNotBlank();
      quick.say(room, "yes");
      assertThat(body(quick.ask(room, "!cd ping"))).contains("Semaphore");
      assertThat(quick.tasksStarted()).isEqualTo(before);
      assertThat(quick.botMessages(room)).anyMatch(e -> isEdit(e) && body(e).contains("Expired"));
    }
  }

  private static String runOf(LiveBot bot, int template) {
    return "!cd run " + bot.project() + " " + template;
  }
}
