package cd.chatrix.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.auth.InMemorySessionStore;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.room.InvitePolicy;
import cd.chatrix.matrix.send.InMemoryOutboxStore;
import cd.chatrix.matrix.send.MessageContent;
import cd.chatrix.matrix.sync.InMemorySyncStateStore;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.matrix.sync.RoomEventHandler;
import cd.chatrix.matrix.sync.SyncOptions;
import cd.chatrix.matrix.testing.RecordingSleeper;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The wired client against the test homeserver, with a test user acting as a person. */
class MatrixClientTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestHomeserver hs = TestHomeserver.start();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemorySyncStateStore syncState = new InMemorySyncStateStore();
  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
  private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofSeconds(2));
  private final List<MatrixClient> clients = new ArrayList<>();
  private TestUser alice;

  @BeforeEach
  void people() {
    hs.registerUser("bot", "pw");
    alice = hs.registerUser("alice", "pw");
    alice.setDisplayName("Alice");
  }

  @AfterEach
  void close() {
    clients.forEach(MatrixClient::close);
    hs.close();
  }

  private MatrixClient client() {
    MatrixClient client =
        MatrixClient.builder(hs.baseUri())
            .sessionStore(sessions)
            .syncStateStore(syncState)
            .outboxStore(outbox)
            .syncOptions(
                SyncOptions.defaults()
                    .withPollTimeout(Duration.ofMillis(500))
                    .withHandlerGracePeriod(Duration.ofMillis(200)))
            .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), sleeper)
            .build();
    clients.add(client);
    client.login(new LoginMethod.Password("bot", "pw"));
    return client;
  }

  private static RoomEventHandler fromAlice(List<RoomEvent> sink) {
    return e -> {
      if (e.sender().equals("@alice:localhost") && e.type().equals("m.room.message")) {
        sink.add(e);
      }
    };
  }

  private String roomWithBot(MatrixClient bot) {
    String roomId =
        alice.createRoom(CreateRoomOptions.named("Deploys").withInvitees("@bot:localhost"));
    await()
        .atMost(WAIT)
        .until(() ->
            bot.rooms()
                .room(roomId)
                .filter(r -> r.membership() == cd.chatrix.matrix.room.RoomState.Membership.JOINED)
                .isPresent());
    return roomId;
  }

  @Test
  void joinsOnInviteHearsCommandsAndRepliesInTheRoom() throws Exception {
    MatrixClient bot = client();
    List<RoomEvent> heard = new CopyOnWriteArrayList<>();
    bot.onRoomEvent(fromAlice(heard));
    bot.startSync();
    String roomId = roomWithBot(bot);

    String command = alice.sendText(roomId, "!cd ping");
    await().atMost(WAIT).until(() -> heard.stream().anyMatch(e -> e.eventId().equals(command)));
    RoomEvent ping =
        heard.stream().filter(e -> e.eventId().equals(command)).findFirst().orElseThrow();
    assertThat(ping.historic()).isFalse();
    bot.sender()
        .sendMessage(
            roomId,
            MessageContent.notice("pong")
                .html("<b>pong</b>")
                .replyTo(command, ping.sender())
                .build())
        .get(10, TimeUnit.SECONDS);

    JsonNode reply =
        alice.awaitEvent(
            roomId,
            e ->
                e.path("sender").asString().equals("@bot:localhost")
                    && e.path("type").asString().equals("m.room.message"),
            WAIT);
    assertThat(reply.at("/content/body").asString()).isEqualTo("pong");
    assertThat(reply.at("/content/m.relates_to/m.in_reply_to/event_id").asString())
        .isEqualTo(command);
    assertThat(bot.rooms().room(roomId).orElseThrow().label()).isEqualTo("Deploys");
    assertThat(bot.rooms().maySpeak(roomId)).isTrue();
    assertThat(bot.roomActions().joinedMembers(roomId).get("@alice:localhost").label())
        .isEqualTo("Alice");
  }

  @Test
  void startUpCanWaitForInvitesReceivedWhileAwayToBeJoined() throws Exception {
    String roomId =
        alice.createRoom(CreateRoomOptions.named("While away").withInvitees("@bot:localhost"));
    MatrixClient bot = client();
    bot.setInvitePolicy(invite -> {
      sleepQuietly(Duration.ofMillis(300)); // a slow decision makes the race visible
      return InvitePolicy.Decision.ACCEPT;
    });
    bot.startSync();
    assertThat(bot.sync().awaitFirstSync(WAIT)).isTrue();

    bot.awaitInviteAnswers(WAIT);

    // Joined on the server already, so a greeting sent now would land.
    assertThat(alice.timeline(roomId))
        .anyMatch(e ->
            e.path("state_key").asString("").equals("@bot:localhost")
                && e.at("/content/membership").asString("").equals("join"));
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void declinedInvitesAreLeft() {
    MatrixClient bot = client();
    bot.setInvitePolicy(invite -> InvitePolicy.Decision.DECLINE);
    bot.startSync();
    String roomId =
        alice.createRoom(CreateRoomOptions.named("Spam").withInvitees("@bot:localhost"));

    JsonNode leave =
        alice.awaitEvent(
            roomId,
            e ->
                e.path("type").asString().equals("m.room.member")
                    && e.path("state_key").asString().equals("@bot:localhost")
                    && e.at("/content/membership").asString().equals("leave"),
            WAIT);
    assertThat(leave).isNotNull();
    assertThat(bot.rooms().joined()).isEmpty();
  }

  @Test
  void messagesFromBeforeAFreshLoginAreHistoric() throws Exception {
    TestUser botAsPerson = hs.loginUser("bot", "pw");
    String roomId = alice.createRoom(CreateRoomOptions.named("Old").withInvitees("@bot:localhost"));
    botAsPerson.join(roomId);
    String old = alice.sendText(roomId, "!cd run 1 2");

    MatrixClient bot = client();
    List<RoomEvent> heard = new CopyOnWriteArrayList<>();
    bot.onRoomEvent(fromAlice(heard));
    bot.startSync();
    assertThat(bot.sync().awaitFirstSync(WAIT)).isTrue();
    String fresh = alice.sendText(roomId, "!cd status");

    await().atMost(WAIT).until(() -> heard.stream().anyMatch(e -> e.eventId().equals(fresh)));
    assertThat(heard)
        .filteredOn(e -> e.eventId().equals(old))
        .singleElement()
        .extracting(RoomEvent::historic)
        .isEqualTo(true);
    assertThat(heard)
        .filteredOn(e -> e.eventId().equals(fresh))
        .singleElement()
        .extracting(RoomEvent::historic)
        .isEqualTo(false);
  }

  @Test
  void aCrashWhileHandlingLosesNothingAndRepeatsNothing() throws Exception {
    MatrixClient first = client();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch stuck = new CountDownLatch(1);
    first.onRoomEvent(e -> {
      if (e.sender().equals("@alice:localhost") && e.type().equals("m.room.message")) {
        if (e.body().equals("c3")) {
          stuck.countDown();
          Thread.sleep(Duration.ofMinutes(5));
        }
        handled.add(e.body());
      }
    });
    first.startSync();
    String roomId = roomWithBot(first);
    for (int i = 1; i <= 5; i++) {
      alice.sendText(roomId, "c" + i);
    }
    assertThat(stuck.await(15, TimeUnit.SECONDS)).isTrue();
    first.close();
    assertThat(handled).doesNotContain("c3");

    MatrixClient second = client();
    second.onRoomEvent(e -> {
      if (e.sender().equals("@alice:localhost") && e.type().equals("m.room.message")) {
        handled.add(e.body());
      }
    });
    second.startSync();

    await().atMost(WAIT).until(() -> handled.contains("c5"));
    assertThat(handled).containsExactly("c1", "c2", "c3", "c4", "c5");
    assertThat(second.session().deviceId()).isEqualTo(first.session().deviceId());
    assertThat(second.rooms().room(roomId).map(r -> r.label())).contains("Deploys");
    assertThat(second.rooms().maySpeak(roomId)).isTrue();
  }

  @Test
  void rateLimitsAndOutagesAreRiddenOutWithoutLoss() throws Exception {
    MatrixClient bot = client();
    List<RoomEvent> heard = new CopyOnWriteArrayList<>();
    bot.onRoomEvent(fromAlice(heard));
    bot.startSync();
    String roomId = roomWithBot(bot);

    hs.faults().on("/sync").rateLimitNext(2, 300).dropConnectionsNext(3).failNext(2, 502);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add(alice.sendText(roomId, "during outage " + i));
    }

    await().atMost(WAIT).until(() -> heard.size() >= 3);
    assertThat(heard).extracting(RoomEvent::eventId).containsExactlyElementsOf(sent);
    assertThat(sleeper.waits()).filteredOn(d -> d.equals(Duration.ofMillis(300))).hasSize(2);
    assertThat(bot.sync().isRunning()).isTrue();
  }

  @Test
  void aRetriedSendIsPostedOnce() throws Exception {
    MatrixClient bot = client();
    bot.startSync();
    String roomId = roomWithBot(bot);

    hs.faults().on("/rooms/").dropConnectionsNext(2);
    String eventId =
        bot.sender()
            .sendMessage(roomId, MessageContent.notice("Task 7 started").build())
            .get(10, TimeUnit.SECONDS);

    long copies =
        alice.timeline(roomId).stream()
            .filter(e -> e.at("/content/body").asString().equals("Task 7 started"))
            .count();
    assertThat(copies).isEqualTo(1);
    assertThat(eventId).startsWith("$");
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void neverSendsClearTextIntoAnEncryptedRoomItHasNotSyncedYet() throws Exception {
    TestUser botAsPerson = hs.loginUser("bot", "pw");
    String roomId =
        alice.createRoom(
            CreateRoomOptions.named("Secret").withEncryption(true).withInvitees("@bot:localhost"));
    botAsPerson.join(roomId);
    MatrixClient bot = client();

    var attempt = bot.sender().sendMessage(roomId, MessageContent.notice("hello").build());

    assertThat(attempt)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .withMessageContaining("encrypted");
    assertThat(alice.timeline(roomId))
        .noneMatch(e -> e.at("/content/body").asString().equals("hello"));
  }
}
