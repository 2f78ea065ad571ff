package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static cd.chatrix.app.demo.RoomEvents.body;
import static cd.chatrix.app.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, through the real app: the bot serves the sandbox's room only ({@code
 * bot.allowed_rooms}), the sandbox's person is its only admin, and invites follow the default
 * {@code allowed_users} policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessScenariosTest {
  private LiveBot live;
  private String room;

  @BeforeAll
  void startTheBot() {
    live =
        LiveBot.start(config -> {
          var bot = LiveBot.botSection(config);
          bot.putArray("allowed_rooms").add(config.path("bot").path("greeting_rooms").get(0));
          bot.put("invite_policy", "allowed_users");
          bot.put("rate_limit_per_minute", 0);
        });
    room = live.room();
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  @Test
  void someoneWhoIsNotAnAdminIsRefusedARunAndNothingReachesSemaphore() {
    TestUser carol = member("carol");
    long startedBefore = live.tasksStarted();

    String command =
        carol.sendText(
            room, "!cd run " + live.project() + " " + live.sandbox().templates().deploy());
    JsonNode refusal = live.replyTo(room, command);

    assertThat(body(refusal)).contains("needs the operator role");
    // She is heard: read-only commands still work for her.
    JsonNode projects = live.replyTo(room, carol.sendText(room, "!cd projects"));
    assertThat(body(projects)).contains("Demo shop");
    // Her "yes" finds nothing to confirm; the next answer proves it was read.
    carol.sendText(room, "yes");
    assertThat(body(live.replyTo(room, carol.sendText(room, "!cd ping"))))
        .contains("Semaphore 2.12");
    assertThat(live.tasksStarted()).isEqualTo(startedBefore);
  }

  @Test
  void aCommandInARoomThatIsNotAllowedGetsNoAnswer() {
    String other =
        live.person().createRoom(CreateRoomOptions.named("not allowed").withPreset("public_chat"));
    JsonNode joined = live.ask(room, "!cd rooms join " + other);
    assertThat(body(joined)).contains("Joined").contains("not allowed there");
    live.awaitMembership(other, live.botUserId(), "join");

    String ignored = live.say(other, "!cd ping");
    // Commands are handled in order per room, and the allowed room still gets its answer.
    JsonNode pong = live.ask(room, "!cd ping");
    assertThat(body(pong)).contains("Semaphore 2.12");
    JsonNode info = live.ask(room, "!cd info");
    assertThat(body(info)).isNotBlank();

    assertThat(live.botMessages(other)).isEmpty();
    assertThat(live.person().timeline(other))
        .noneMatch(e -> live.isBotMessage(e) && repliesTo(ignored).test(e));
  }

  @Test
  void anInviteFromAStrangerToAnotherRoomIsDeclinedAndTheBotNeverJoins() {
    TestUser stranger = live.sandbox().homeserver().registerUser("stranger", "stranger-pw");
    String theirs =
        stranger.createRoom(
            CreateRoomOptions.named("strangers' room").withInvitees(live.botUserId()));

    stranger.awaitEvent(
        theirs,
        e ->
            "m.room.member".equals(e.path("type").asString(""))
                && live.botUserId().equals(e.path("state_key").asString(""))
                && "leave".equals(e.path("content").path("membership").asString("")),
        ANSWER);

    assertThat(stranger.timeline(theirs))
        .noneMatch(e ->
            "m.room.member".equals(e.path("type").asString(""))
                && live.botUserId().equals(e.path("state_key").asString(""))
                && "join".equals(e.path("content").path("membership").asString("")));
  }

  /**
   * With {@code default_role: none}, a stranger (neither admin nor given a role) cannot pull the
   * bot into a room of their own, where {@code status} and {@code logs} would show them every
   * project's output.
   */
  @Test
  void anInviteFromAStrangerIsDeclinedWhenUnnamedUsersHaveNoRole() {
    try (LiveBot open =
        LiveBot.start(config -> {
          var bot = LiveBot.botSection(config);
          bot.put("invite_policy", "allowed_users");
          bot.putObject("policy").put("default_role", "none");
        })) {
      TestUser stranger = open.sandbox().homeserver().registerUser("stranger", "stranger-pw");
      String theirs =
          stranger.createRoom(
              CreateRoomOptions.named("strangers' room").withInvitees(open.botUserId()));

      JsonNode answer =
          stranger.awaitEvent(
              theirs,
              e ->
                  "m.room.member".equals(e.path("type").asString(""))
                      && open.botUserId().equals(e.path("state_key").asString(""))
                      && !"invite".equals(e.path("content").path("membership").asString("")),
              ANSWER);

      assertThat(answer.path("content").path("membership").asString("")).isEqualTo("leave");
    }
  }

  /** A new account that the person invites into the bot's room and that joins it. */
  private TestUser member(String localpart) {
    TestUser user = live.sandbox().homeserver().registerUser(localpart, localpart + "-pw");
    live.person().invite(room, user.userId());
    user.join(room);
    live.awaitMembership(room, user.userId(), "join");
    return user;
  }
}
