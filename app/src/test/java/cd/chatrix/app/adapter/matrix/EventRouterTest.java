package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.room.Invite;
import cd.chatrix.matrix.room.InvitePolicy;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventRouterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BOT = "@bot:localhost";
  private static final String ALICE = "@alice:localhost";
  private static final String ROOM = "!room:localhost";

  private final RecordingInbox inbox = new RecordingInbox(ALICE);
  private final EventRouter router =
      new EventRouter(
          BOT, (room, user) -> user.equals(ALICE) ? Optional.of("Alice") : Optional.empty(), inbox);

  private static RoomEvent event(String type, String sender, ObjectNode content, boolean old) {
    ObjectNode raw = JSON.createObjectNode();
    raw.put("type", type).put("sender", sender).put("event_id", "$e1");
    raw.set("content", content);
    return new RoomEvent(
        ROOM, "$e1", type, sender, 1_700_000_000_000L, Optional.empty(), content, raw, old);
  }

  private static ObjectNode text(String msgtype, String body) {
    return JSON.createObjectNode().put("msgtype", msgtype).put("body", body);
  }

  @Test
  void aTextMessageBecomesAnIncomingMessageWithDisplayNameAndTime() {
    router.onEvent(event("m.room.message", ALICE, text("m.text", "!cd ping"), false));

    assertThat(inbox.messages)
        .containsExactly(
            new IncomingMessage(
                ROOM,
                "$e1",
                ALICE,
                "Alice",
                "!cd ping",
                Instant.ofEpochMilli(1_700_000_000_000L),
                Optional.empty(),
                Optional.empty(),
                SenderTrust.TRUSTED));
  }

  @Test
  void aReplyLosesItsQuotedFallbackAndKeepsWhatItRepliesTo() {
    ObjectNode content = text("m.text", "> <@bob:localhost> deploy?\n> really\n\n!cd run 4");
    content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", "$asked");

    router.onEvent(event("m.room.message", ALICE, content, false));

    IncomingMessage m = inbox.messages.getFirst();
    assertThat(m.body()).isEqualTo("!cd run 4");
    assertThat(m.replyTo()).contains("$asked");
    assertThat(m.threadRoot()).isEmpty();
  }

  @Test
  void aThreadMessageNamesItsRootAndAFallingBackReplyIsNoReply() {
    ObjectNode content = text("m.text", "!cd status");
    ObjectNode relates = content.putObject("m.relates_to");
    relates.put("rel_type", "m.thread").put("event_id", "$root").put("is_falling_back", true);
    relates.putObject("m.in_reply_to").put("event_id", "$latest");

    router.onEvent(event("m.room.message", ALICE, content, false));

    IncomingMessage m = inbox.messages.getFirst();
    assertThat(m.threadRoot()).contains("$root");
    assertThat(m.replyTo()).isEmpty();
  }

  @Test
  void aRealReplyInsideAThreadKeepsBoth() {
    ObjectNode content = text("m.text", "yes");
    ObjectNode relates = content.putObject("m.relates_to");
    relates.put("rel_type", "m.thread").put("event_id", "$root").put("is_falling_back", false);
    relates.putObject("m.in_reply_to").put("event_id", "$question");

    router.onEvent(event("m.room.message", ALICE, content, false));

    IncomingMessage m = inbox.messages.getFirst();
    assertThat(m.threadRoot()).contains("$root");
    assertThat(m.replyTo()).contains("$question");
  }

  @Test
  void ownHistoricNoticeAndEditedEventsAreNotDelivered() {
    router.onEvent(event("m.room.message", BOT, text("m.text", "!cd ping"), false));
    router.onEvent(event("m.room.message", ALICE, text("m.text", "!cd ping"), true));
    router.onEvent(event("m.room.message", ALICE, text("m.notice", "!cd ping"), false));
    ObjectNode edit = text("m.text", "* !cd run 1");
    edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", "$old");
    edit.set("m.new_content", text("m.text", "!cd run 1"));
    router.onEvent(event("m.room.message", ALICE, edit, false));

    assertThat(inbox.messages).isEmpty();
  }

  @Test
  void anAnnotationBecomesAReaction() {
    ObjectNode content = JSON.createObjectNode();
    content
        .putObject("m.relates_to")
        .put("rel_type", "m.annotation")
        .put("event_id", "$prompt")
        .put("key", "👍");

    router.onEvent(event("m.reaction", ALICE, content, false));
    router.onEvent(event("m.reaction", BOT, content, false));

    assertThat(inbox.reactions)
        .containsExactly(new IncomingReaction(ROOM, "$e1", ALICE, "$prompt", "👍"));
  }

  @Test
  void invitesAreDecidedByTheInbox() {
    InvitePolicy policy = router.invitePolicy();

    assertThat(policy.decide(new Invite(ROOM, Optional.of(ALICE), Optional.empty())))
        .isEqualTo(InvitePolicy.Decision.ACCEPT);
    assertThat(policy.decide(new Invite(ROOM, Optional.of("@mallory:localhost"), Optional.empty())))
        .isEqualTo(InvitePolicy.Decision.DECLINE);
    assertThat(policy.decide(new Invite(ROOM, Optional.empty(), Optional.empty())))
        .isEqualTo(InvitePolicy.Decision.DECLINE);
  }

  @Test
  void aDeclineCarriesTheInboxsReasonForTheLog() {
    InvitePolicy.Answer answer =
        router
            .invitePolicy()
            .answer(new Invite(ROOM, Optional.of("@mallory:localhost"), Optional.empty()));

    assertThat(answer.decision()).isEqualTo(InvitePolicy.Decision.DECLINE);
    assertThat(answer.reason()).isEqualTo("not " + ALICE);
  }

  @Test
  void messagesAndReactionsCarryWhatTheSenderCheckSaysOfTheirDevice() {
    SenderTrust phone = new SenderTrust.UnverifiedDevice("PHONE");
    EventRouter checked =
        new EventRouter(
            BOT, (room, user) -> Optional.empty(), inbox, e -> phone, NoticeLedger.inMemory());
    ObjectNode reaction = JSON.createObjectNode();
    reaction
        .putObject("m.relates_to")
        .put("rel_type", "m.annotation")
        .put("event_id", "$prompt")
        .put("key", "👍");

    checked.onEvent(event("m.room.message", ALICE, text("m.text", "yes"), false));
    checked.onEvent(event("m.reaction", ALICE, reaction, false));

    assertThat(inbox.messages.getFirst().trust()).isEqualTo(phone);
    assertThat(inbox.reactions.getFirst().trust()).isEqualTo(phone);
  }

  /** The router wired into a real client, with people talking over HTTP. */
  @Nested
  class OverHttp {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir Path dir;
    private final TestHomeserver hs = TestHomeserver.start();
    private Store store;
    private MatrixClient client;

    @AfterEach
    void stop() {
      if (client != null) {
        client.close();
      }
      if (store != null) {
        store.close();
      }
      hs.close();
    }

    @Test
    void aCommandReachesTheInboxButOlderHistoryDoesNot() throws Exception {
      TestUser botUser = hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
      TestUser alice = hs.registerUser("alice", "pw");
      alice.setDisplayName("Alice");
      String roomId = alice.createRoom(CreateRoomOptions.named("Ops").withInvitees(BOT));
      botUser.join(roomId);
      alice.sendText(roomId, "!cd run old-history");

      store = Store.open(dir, Schema.MIGRATIONS);
      client = BotAccount.login(hs, MatrixStores.on(store));
      RecordingInbox heard = new RecordingInbox(ALICE);
      EventRouter.attach(client, heard);
      client.startSync();
      assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();

      String ping = alice.sendText(roomId, "!cd ping");
      await().atMost(WAIT).until(() -> !heard.messages.isEmpty());

      IncomingMessage m = heard.messages.getFirst();
      assertThat(m.roomId()).isEqualTo(roomId);
      assertThat(m.eventId()).isEqualTo(ping);
      assertThat(m.sender()).isEqualTo(ALICE);
      assertThat(m.senderName()).isEqualTo("Alice");
      assertThat(m.body()).isEqualTo("!cd ping");
      assertThat(m.timestamp()).isAfter(Instant.EPOCH);
      assertThat(m.threadRoot()).isEmpty();
      assertThat(m.replyTo()).isEmpty();

      String reaction = alice.react(roomId, ping, "✅");
      String inThread = alice.sendThreadReply(roomId, ping, "!cd status");
      await().atMost(WAIT).until(() -> heard.messages.size() == 2 && heard.reactions.size() == 1);
      assertThat(heard.reactions.getFirst().eventId()).isEqualTo(reaction);
      assertThat(heard.reactions.getFirst().targetEventId()).isEqualTo(ping);
      assertThat(heard.messages.get(1).eventId()).isEqualTo(inThread);
      assertThat(heard.messages.get(1).threadRoot()).contains(ping);
      assertThat(heard.bodies()).doesNotContain("!cd run old-history");
    }

    @Test
    void invitesFromAcceptedPeopleAreJoinedAndOthersDeclined() throws Exception {
      hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
      TestUser alice = hs.registerUser("alice", "pw");
      TestUser mallory = hs.registerUser("mallory", "pw");
      store = Store.open(dir, Schema.MIGRATIONS);
      client = BotAccount.login(hs, MatrixStores.on(store));
      RecordingInbox heard = new RecordingInbox(ALICE);
      EventRouter.attach(client, heard);
      MatrixChat chat = new MatrixChat(client);
      client.startSync();
      assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();

      String wanted = alice.createRoom(CreateRoomOptions.named("Wanted").withInvitees(BOT));
      String unwanted = mallory.createRoom(CreateRoomOptions.named("Spam").withInvitees(BOT));

      await().atMost(WAIT).until(() -> chat.joinedRooms().contains(wanted));
      await()
          .atMost(WAIT)
          .until(() -> heard.invitesAsked.contains("@mallory:localhost " + unwanted));
      JsonMemberships memberships = new JsonMemberships(mallory, unwanted);
      await().atMost(WAIT).until(() -> memberships.of(BOT).equals("leave"));
      assertThat(chat.joinedRooms()).doesNotContain(unwanted);
    }
  }

  /** Reads a member's membership from the room state as another member sees it. */
  private record JsonMemberships(TestUser viewer, String roomId) {
    String of(String userId) {
      return viewer
          .call(
              "GET",
              "/_matrix/client/v3/rooms/"
                  + java.net.URLEncoder.encode(roomId, java.nio.charset.StandardCharsets.UTF_8)
                  + "/state/m.room.member/"
                  + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8),
              null)
          .path("membership")
          .asString("");
    }
  }
}
