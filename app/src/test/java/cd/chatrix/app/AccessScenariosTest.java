package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.room.InviteHandler;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.RecordedRequest;
import cd.chatrix.testkit.semaphore.RequestLog;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
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

  /**
   * With admins named and no {@code default_role}, everyone else may look ({@code viewer}), so they
   * may use the bot: their invite to a room outside {@code allowed_rooms} is followed, to say there
   * that the room is not enabled, and nothing more happens there.
   */
  @Test
  void anInviteFromSomeoneWithTheDefaultRoleToAnotherRoomOnlyGetsTheNotice() {
    TestUser viewer = live.sandbox().homeserver().registerUser("viewer", "viewer-pw");
    String theirs =
        viewer.createRoom(CreateRoomOptions.named("viewer's room").withInvitees(live.botUserId()));

    JsonNode notice =
        viewer.awaitEvent(
            theirs, e -> live.isBotMessage(e) && body(e).contains("bot.allowed_rooms"), ANSWER);
    assertThat(body(notice)).contains(theirs).contains("not enabled");

    String ping = viewer.sendText(theirs, "!cd ping");
    assertThat(body(live.ask(room, "!cd ping"))).contains("Semaphore 2.12");
    assertThat(viewer.timeline(theirs))
        .noneMatch(e -> live.isBotMessage(e) && repliesTo(ping).test(e));
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
            });
        Captured inviteLog = new Captured(InviteHandler.class)) {
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
      // The log says whose invite it was and why it was declined.
      LiveBot.awaitUntil(
          "the decline is logged with its reason",
          () ->
              inviteLog.messages().stream()
                  .anyMatch(l ->
                      l.contains("Declining the invite to " + theirs + " from " + stranger.userId())
                          && l.contains("bot.policy.default_role")));
    }
  }

  /**
   * {@code deny_by_default} with nobody named: the sandbox's person is a stranger like anyone else,
   * and none of what they send reaches Semaphore (the simulator sees only the bot's own readiness
   * probe, which reads {@code /api/info} on its own beat).
   */
  @Test
  void withDenyByDefaultAndNoAdminsNothingAStrangerSendsReachesSemaphore() {
    try (LiveBot closed =
        LiveBot.start(config -> {
          var bot = LiveBot.botSection(config);
          bot.remove("admin_users");
          bot.put("deny_by_default", true);
          // So the bot follows the person into the sandbox's room at all.
          bot.put("invite_policy", "anyone");
          bot.putArray("allowed_rooms").add(config.path("bot").path("greeting_rooms").get(0));
          bot.put("rate_limit_per_minute", 0);
        })) {
      String theRoom = closed.room();
      RequestLog requests = closed.sandbox().semaphore().requests();
      int before = requests.all().size();

      for (String command :
          List.of(
              "!cd ping",
              "!cd info",
              "!cd projects",
              "!cd templates " + closed.project(),
              "!cd status",
              "!cd logs 1",
              "!cd run " + closed.project() + " " + closed.sandbox().templates().deploy())) {
        JsonNode answer = closed.ask(theRoom, command);
        assertThat(body(answer)).as(command).contains("needs the");
      }
      closed.say(theRoom, "yes");
      assertThat(body(closed.ask(theRoom, "!cd help"))).contains("needs the viewer role");

      List<RecordedRequest> during = requests.all().subList(before, requests.all().size());
      assertThat(during)
          .as("requests while the stranger talked")
          .allSatisfy(r -> assertThat(r.method() + " " + r.path()).isEqualTo("GET /api/info"));
      assertThat(during.size()).as("at most the probe's beats").isLessThanOrEqualTo(2);
    }
  }

  /**
   * An admin's invite to a room outside {@code allowed_rooms}: the bot joins, says once what an
   * admin adds to enable the room, and answers nothing there; after a restart, being invited there
   * again does not repeat the notice.
   */
  @Test
  void anAdminsInviteToARoomThatIsNotEnabledIsJoinedWithOneNoticeAndNoAnswers() {
    try (LiveBot own =
        LiveBot.start(config -> {
          var bot = LiveBot.botSection(config);
          bot.putArray("allowed_rooms").add(config.path("bot").path("greeting_rooms").get(0));
          bot.put("rate_limit_per_minute", 0);
        })) {
      String other = own.newRoom("not enabled yet");

      JsonNode notice = own.awaitBot(other, e -> true, ANSWER);
      assertThat(body(notice))
          .contains("not enabled")
          .contains("bot.allowed_rooms")
          .contains(other);

      String ignored = own.say(other, "!cd ping");
      own.say(other, "!cd run " + own.project() + " " + own.sandbox().templates().deploy());
      own.say(other, "yes");
      assertThat(body(own.ask(own.room(), "!cd ping"))).contains("Semaphore 2.12");
      assertThat(own.tasksStarted()).isZero();

      // Out and in again, across a restart: still the one notice.
      own.ask(own.room(), "!cd rooms leave " + other);
      own.awaitMembership(other, own.botUserId(), "leave");
      own.restartBot(config -> {
        var bot = LiveBot.botSection(config);
        bot.putArray("allowed_rooms").add(config.path("bot").path("greeting_rooms").get(0));
        bot.put("rate_limit_per_minute", 0);
      });
      own.person().invite(other, own.botUserId());
      own.awaitMembership(other, own.botUserId(), "join");
      own.say(other, "!cd ping");
      assertThat(body(own.ask(own.room(), "!cd ping"))).contains("Semaphore 2.12");

      // The notice would go out on the rejoin's sync; give it time to show that it does not.
      Awaitility.await("still one notice")
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> own.botMessages(other).size() == 1);
      assertThat(own.person().timeline(other))
          .noneMatch(e -> own.isBotMessage(e) && repliesTo(ignored).test(e));
      assertThat(own.tasksStarted()).isZero();
    }
  }

  /** What one class logs while a test runs. */
  private static final class Captured implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    Captured(Class<?> source) {
      logger = (Logger) LoggerFactory.getLogger(source);
      appender.start();
      logger.addAppender(appender);
    }

    List<String> messages() {
      return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      appender.stop();
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
