package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The chat port against the test homeserver; a test user checks what arrives. */
class MatrixChatTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String BOT = "@bot:localhost";

  @TempDir Path dir;

  private TestHomeserver hs;
  private Store store;
  private MatrixClient client;
  private MatrixChat chat;
  private TestUser alice;
  private String roomId;

  @BeforeEach
  void botInARoomWithAlice() throws Exception {
    hs = TestHomeserver.start();
    hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
    alice = hs.registerUser("alice", "pw");
    store = Store.open(dir, Schema.MIGRATIONS);
    client = BotAccount.login(hs, MatrixStores.on(store));
    EventRouter.attach(client, new RecordingInbox(alice.userId()));
    chat = new MatrixChat(client, Duration.ofSeconds(20));
    client.startSync();
    assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();
    roomId = alice.createRoom(CreateRoomOptions.named("Deploys").withInvitees(BOT));
    await().atMost(WAIT).until(() -> chat.roomInfo(roomId).isPresent());
  }

  @AfterEach
  void stop() {
    client.close();
    store.close();
    hs.close();
  }

  private JsonNode seenByAlice(String eventId) {
    return alice.awaitEvent(roomId, e -> e.path("event_id").asString().equals(eventId), WAIT);
  }

  @Test
  void aThreadedNoticeWithMentionsArrivesInTheExactShape() {
    String command = alice.sendText(roomId, "!cd ping");

    String id =
        chat.send(
            roomId,
            new OutgoingMessage(
                "alice: pong",
                "<b>pong</b>",
                Optional.of(new Relation.Thread(command, command)),
                List.of(alice.userId())));

    JsonNode event = seenByAlice(id);
    assertThat(event.path("sender").asString()).isEqualTo(BOT);
    assertThat(event.path("type").asString()).isEqualTo("m.room.message");
    JsonNode content = event.path("content");
    assertThat(content.path("msgtype").asString()).isEqualTo("m.notice");
    assertThat(content.path("body").asString()).isEqualTo("alice: pong");
    assertThat(content.path("format").asString()).isEqualTo("org.matrix.custom.html");
    assertThat(content.path("formatted_body").asString()).isEqualTo("<b>pong</b>");
    JsonNode relates = content.path("m.relates_to");
    assertThat(relates.path("rel_type").asString()).isEqualTo("m.thread");
    assertThat(relates.path("event_id").asString()).isEqualTo(command);
    assertThat(relates.path("is_falling_back").asBoolean(false)).isTrue();
    assertThat(relates.path("m.in_reply_to").path("event_id").asString()).isEqualTo(command);
    assertThat(content.path("m.mentions").path("user_ids").get(0).asString())
        .isEqualTo(alice.userId());
    assertThat(content.path("m.mentions").path("user_ids").size()).isEqualTo(1);
  }

  @Test
  void aReplyCarriesOnlyInReplyToAndNoMentionsWhenNoneAreGiven() {
    String command = alice.sendText(roomId, "!cd status");

    String id =
        chat.send(
            roomId,
            new OutgoingMessage(
                "done", "done", Optional.of(new Relation.Reply(command)), List.of()));

    JsonNode content = seenByAlice(id).path("content");
    JsonNode relates = content.path("m.relates_to");
    assertThat(relates.path("m.in_reply_to").path("event_id").asString()).isEqualTo(command);
    assertThat(relates.has("rel_type")).isFalse();
    assertThat(content.path("m.mentions").isObject()).isTrue();
    assertThat(content.path("m.mentions").has("user_ids")).isFalse();
  }

  @Test
  void anEditArrivesAsReplaceWithNewContentAndAStarredFallback() {
    String original =
        chat.send(
            roomId,
            new OutgoingMessage("Task 7 running", "<i>running</i>", Optional.empty(), List.of()));

    chat.edit(
        roomId,
        original,
        new OutgoingMessage(
            "Task 7 done", "<b>done</b>", Optional.empty(), List.of(alice.userId())));

    JsonNode edit =
        alice.awaitEvent(
            roomId,
            e ->
                e.path("content")
                    .path("m.relates_to")
                    .path("rel_type")
                    .asString("")
                    .equals("m.replace"),
            WAIT);
    JsonNode content = edit.path("content");
    assertThat(content.path("m.relates_to").path("event_id").asString()).isEqualTo(original);
    assertThat(content.path("body").asString()).isEqualTo("* Task 7 done");
    assertThat(content.path("msgtype").asString()).isEqualTo("m.notice");
    JsonNode fresh = content.path("m.new_content");
    assertThat(fresh.path("msgtype").asString()).isEqualTo("m.notice");
    assertThat(fresh.path("body").asString()).isEqualTo("Task 7 done");
    assertThat(fresh.path("formatted_body").asString()).isEqualTo("<b>done</b>");
    assertThat(fresh.path("m.mentions").path("user_ids").get(0).asString())
        .isEqualTo(alice.userId());
    // Editing must not notify the mentioned people a second time.
    assertThat(content.path("m.mentions").has("user_ids")).isFalse();
  }

  @Test
  void reactionsAndRedactionsArrive() {
    String command = alice.sendText(roomId, "!cd run 1");

    chat.react(roomId, command, "👀");
    JsonNode reaction =
        alice.awaitEvent(roomId, e -> e.path("type").asString().equals("m.reaction"), WAIT);
    JsonNode relates = reaction.path("content").path("m.relates_to");
    assertThat(relates.path("rel_type").asString()).isEqualTo("m.annotation");
    assertThat(relates.path("event_id").asString()).isEqualTo(command);
    assertThat(relates.path("key").asString()).isEqualTo("👀");

    chat.redact(roomId, reaction.path("event_id").asString(), "no longer needed");
    JsonNode redaction =
        alice.awaitEvent(roomId, e -> e.path("type").asString().equals("m.room.redaction"), WAIT);
    String redacted =
        redaction.path("redacts").asString(redaction.path("content").path("redacts").asString(""));
    assertThat(redacted).isEqualTo(reaction.path("event_id").asString());
    assertThat(redaction.path("content").path("reason").asString()).isEqualTo("no longer needed");
  }

  @Test
  void aFileIsPostedWithCaptionAndCanBeDownloaded() {
    byte[] bytes = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
    String command = alice.sendText(roomId, "!cd logs 5");

    String id =
        chat.sendFile(
            roomId,
            new FileAttachment("task-5.log", "text/plain", bytes, "Output of task 5"),
            Optional.of(new Relation.Thread(command, command)));

    JsonNode content = seenByAlice(id).path("content");
    assertThat(content.path("msgtype").asString()).isEqualTo("m.file");
    assertThat(content.path("filename").asString()).isEqualTo("task-5.log");
    assertThat(content.path("body").asString()).isEqualTo("Output of task 5");
    assertThat(content.path("info").path("mimetype").asString()).isEqualTo("text/plain");
    assertThat(content.path("info").path("size").asInt()).isEqualTo(bytes.length);
    assertThat(content.path("m.relates_to").path("rel_type").asString()).isEqualTo("m.thread");
    assertThat(alice.download(content.path("url").asString())).isEqualTo(bytes);
  }

  @Test
  void roomInfoReportsNameMembersEncryptionAndWhetherTheBotMaySpeak() {
    RoomInfo info = chat.roomInfo(roomId).orElseThrow();
    assertThat(info.name()).isEqualTo("Deploys");
    assertThat(info.encrypted()).isFalse();
    assertThat(info.maySpeak()).isTrue();
    assertThat(info.members()).contains(alice.userId(), BOT);

    ObjectNode levels = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
    levels.putObject("users").put(alice.userId(), 100);
    levels.put("events_default", 50);
    alice.sendState(roomId, "m.room.power_levels", "", levels);

    await().atMost(WAIT).until(() -> chat.roomInfo(roomId).map(r -> !r.maySpeak()).orElse(false));
    assertThat(chat.roomInfo("!unknown:localhost")).isEmpty();
  }

  @Test
  void joinsListsAndLeavesRooms() {
    String open = alice.createRoom(CreateRoomOptions.named("Open").withPreset("public_chat"));

    assertThat(chat.join(open)).isEqualTo(open);
    assertThat(chat.joinedRooms()).contains(roomId, open);

    chat.leave(open);
    assertThat(chat.joinedRooms()).contains(roomId).doesNotContain(open);
  }

  @Test
  void refusalsBecomeReadablePortExceptionsWithoutSecrets() {
    String elsewhere = alice.createRoom(CreateRoomOptions.named("Private"));
    String token = client.session().accessToken();

    assertThatThrownBy(() ->
            chat.send(elsewhere, new OutgoingMessage("hi", "hi", Optional.empty(), List.of())))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("refused")
        .hasMessageContaining(elsewhere)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    assertThatThrownBy(() -> chat.join(elsewhere))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("join " + elsewhere)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
  }

  @Test
  void sendsFromSeveralThreadsAllArriveOnce() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 5; i++) {
      int n = i;
      threads.add(
          Thread.ofVirtual()
              .start(() ->
                  ids.add(
                      chat.send(
                          roomId,
                          new OutgoingMessage("n" + n, "n" + n, Optional.empty(), List.of())))));
    }
    for (Thread t : threads) {
      t.join(WAIT);
    }
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    long fromBot =
        alice.timeline(roomId).stream()
            .filter(e -> e.path("sender").asString().equals(BOT))
            .filter(e -> e.path("type").asString().equals("m.room.message"))
            .count();
    assertThat(fromBot).isEqualTo(5);
  }

  @Test
  void anEncryptedRoomGetsNothingInClearTextWithoutEncryption() {
    String secret =
        alice.createRoom(CreateRoomOptions.named("Secret").withEncryption(true).withInvitees(BOT));
    await().atMost(WAIT).until(() -> chat.roomInfo(secret).isPresent());
    assertThat(chat.roomInfo(secret).orElseThrow().encrypted()).isTrue();

    assertThatThrownBy(
            () -> chat.send(secret, new OutgoingMessage("hi", "hi", Optional.empty(), List.of())))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("encrypt");
    assertThatThrownBy(() ->
            chat.sendFile(
                secret,
                new FileAttachment("a.log", "text/plain", new byte[] {1, 2}, ""),
                Optional.empty()))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("encrypt");
  }

  @Test
  void filesInEncryptedRoomsGoThroughTheAttachmentHook() {
    String secret =
        alice.createRoom(CreateRoomOptions.named("Secret").withEncryption(true).withInvitees(BOT));
    await().atMost(WAIT).until(() -> chat.roomInfo(secret).isPresent());
    // Stand-ins for the crypto module: visible wrapping instead of real ciphers.
    client.setEncryptors(
        (room, event) -> {
          ObjectNode wrapped = event.content().objectNode();
          wrapped.put("algorithm", "test.wrapped");
          wrapped.put("type", event.type());
          wrapped.set("payload", event.content());
          return new cd.chatrix.matrix.send.OutgoingEvent("m.room.encrypted", wrapped);
        },
        plain -> {
          byte[] flipped = plain.clone();
          for (int i = 0; i < flipped.length; i++) {
            flipped[i] = (byte) ~flipped[i];
          }
          ObjectNode file =
              tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
          file.put("v", "v2");
          return new cd.chatrix.matrix.send.AttachmentEncryptor.EncryptedAttachment(flipped, file);
        });
    byte[] bytes = {1, 2, 3};

    String id =
        chat.sendFile(
            secret,
            new FileAttachment("a.bin", "application/octet-stream", bytes, ""),
            Optional.empty());

    JsonNode event = alice.awaitEvent(secret, e -> e.path("event_id").asString().equals(id), WAIT);
    assertThat(event.path("type").asString()).isEqualTo("m.room.encrypted");
    JsonNode payload = event.path("content").path("payload");
    assertThat(payload.path("msgtype").asString()).isEqualTo("m.file");
    assertThat(payload.has("url")).isFalse();
    String url = payload.path("file").path("url").asString();
    assertThat(alice.download(url)).isEqualTo(new byte[] {~1, ~2, ~3});
  }
}
