package cd.chatrix.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.send.MessageContent;
import cd.chatrix.matrix.sync.SyncOptions;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.Faults;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The wired client through outages of the test homeserver: what failed during the outage is done
 * once it is lifted, exactly once, and the log says so without repeating itself.
 */
class OutageRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestHomeserver hs = TestHomeserver.start();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private MatrixClient bot;
  private TestUser alice;

  @BeforeEach
  void start() {
    hs.registerUser("bot", "pw");
    alice = hs.registerUser("alice", "pw");
    log.start();
    root.addAppender(log);
    bot =
        MatrixClient.builder(hs.baseUri())
            .syncOptions(SyncOptions.defaults().withPollTimeout(Duration.ofMillis(500)))
            .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Sleeper.REAL)
            .build();
    bot.login(new LoginMethod.Password("bot", "pw"));
    bot.startSync();
  }

  @AfterEach
  void stop() {
    bot.close();
    root.detachAppender(log);
    hs.close();
  }

  private String roomWithBot() {
    String room = alice.createRoom(CreateRoomOptions.named("r").withInvitees("@bot:localhost"));
    awaitJoined(room);
    return room;
  }

  private void awaitJoined(String room) {
    await()
        .atMost(WAIT)
        .until(() ->
            bot.rooms()
                .room(room)
                .filter(r -> r.membership() == RoomState.Membership.JOINED)
                .isPresent());
  }

  private long botMessages(String room, String body) {
    return alice.timeline(room).stream()
        .filter(e -> "@bot:localhost".equals(e.path("sender").asString("")))
        .filter(e -> body.equals(e.path("content").path("body").asString("")))
        .count();
  }

  private long problemsLogged() {
    return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count();
  }

  @Test
  void anInviteDuringAJoinOutageIsJoinedOnceItIsLifted() {
    Faults.Outage outage = hs.faults().on("/join/").fail(Faults.Kind.SERVER_ERROR);
    String room = alice.createRoom(CreateRoomOptions.named("r").withInvitees("@bot:localhost"));
    await().atMost(WAIT).until(() -> outage.hits() >= 3);
    outage.lift();
    awaitJoined(room);
  }

  @Test
  void aSendDuringAnUnrecognizedOutageGoesOutOnceAfterIt() throws Exception {
    String room = roomWithBot();
    bot.sender().sendMessage(room, MessageContent.notice("warm").build()).get(10, TimeUnit.SECONDS);
    Faults.Outage outage = hs.faults().on("/rooms/*/send/").fail(Faults.Kind.UNRECOGNIZED);
    CompletableFuture<String> sent =
        bot.sender().sendMessage(room, MessageContent.notice("through").build());
    await().atMost(WAIT).until(() -> outage.hits() >= 2);
    assertThat(sent).isNotDone();
    outage.lift();
    assertThat(sent.get(10, TimeUnit.SECONDS)).startsWith("$");
    assertThat(botMessages(room, "through")).isEqualTo(1);
    assertThat(
            log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage))
        .singleElement()
        .asString()
        .contains("PUT /_matrix/client/v3/rooms/{id}/send fails")
        .contains("M_UNRECOGNIZED");
  }

  @Test
  void aSendTheServerNeverKnowsIsReportedAfterAFewTries() {
    String room = roomWithBot();
    hs.faults().on("/rooms/*/send/").fail(Faults.Kind.UNRECOGNIZED);
    CompletableFuture<String> sent =
        bot.sender().sendMessage(room, MessageContent.notice("nowhere").build());
    assertThatThrownBy(() -> sent.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(MatrixException.class)
        .hasMessageContaining("M_UNRECOGNIZED");
  }

  @Test
  void aSendWhoseAnswerIsLostIsPostedOnce() throws Exception {
    String room = roomWithBot();
    Faults.Outage outage = hs.faults().on("/rooms/*/send/").fail(Faults.Kind.READ_TIMEOUT);
    CompletableFuture<String> sent =
        bot.sender().sendMessage(room, MessageContent.notice("once").build());
    await().atMost(WAIT).until(() -> outage.hits() == 1 && botMessages(room, "once") == 1);
    outage.lift();
    assertThat(sent.get(10, TimeUnit.SECONDS)).startsWith("$");
    assertThat(botMessages(room, "once")).isEqualTo(1);
  }

  @Test
  void syncAnswersThatAreNotJsonAreRiddenOutWithOneWarning() throws Exception {
    String room = roomWithBot();
    Faults.Outage outage = hs.faults().on("/sync").fail(Faults.Kind.NOT_JSON);
    await().atMost(WAIT).until(() -> outage.hits() >= 4);
    outage.lift();
    bot.sender()
        .sendMessage(room, MessageContent.notice("after").build())
        .get(10, TimeUnit.SECONDS);
    await()
        .atMost(WAIT)
        .until(
            () -> log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("works again")));
    assertThat(bot.sync().isRunning()).isTrue();
    assertThat(problemsLogged()).isEqualTo(1);
  }
}
