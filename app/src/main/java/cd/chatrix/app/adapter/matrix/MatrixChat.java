package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.room.Member;
import cd.chatrix.matrix.room.RoomRegistry;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.send.MessageContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bot's {@link ChatPort} over the matrix client. Every message is an {@code m.notice} with a
 * plain body and an HTML body, explicit {@code m.mentions}, and the thread or reply relation the
 * bot asked for. Encrypted rooms are handled by the client's encryptors (events and attachments).
 *
 * <p>The client is looked up on every call, so this can be built before the client has logged in.
 */
public final class MatrixChat implements ChatPort {
  /** How long a call waits for the homeserver to confirm a send. */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(90);

  private static final Logger LOG = LoggerFactory.getLogger(MatrixChat.class);

  /** How long a new private room may take to show up, encrypted, in sync. */
  private static final Duration ROOM_SEEN = Duration.ofSeconds(30);

  private final MatrixClient client;
  private final Duration sendTimeout;
  private final Set<String> membersLoaded = ConcurrentHashMap.newKeySet();

  public MatrixChat(MatrixClient client) {
    this(client, DEFAULT_SEND_TIMEOUT);
  }

  public MatrixChat(MatrixClient client, Duration sendTimeout) {
    this.client = client;
    this.sendTimeout = sendTimeout;
  }

  @Override
  public String send(String roomId, OutgoingMessage message) {
    String action = "post a message in " + roomId;
    ObjectNode content = withRelation(notice(message).build(), message.relation());
    return await(action, () -> client.sender().sendMessage(roomId, content));
  }

  /**
   * Queues the message in the sender's room lane: when this returns it is in the outbox (with the
   * command being handled marked done in the same write), and the stage completes when the
   * homeserver confirmed it. Nobody waits for that on the handler's thread.
   */
  @Override
  public CompletionStage<String> post(String roomId, OutgoingMessage message) {
    String action = "post a message in " + roomId;
    ObjectNode content = withRelation(notice(message).build(), message.relation());
    CompletableFuture<String> sent;
    try {
      sent = client.sender().sendMessage(roomId, content);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(PortErrors.of(action, e));
    }
    return sent.exceptionallyCompose(e -> CompletableFuture.failedFuture(PortErrors.of(action, e)));
  }

  @Override
  public void edit(String roomId, String eventId, OutgoingMessage newContent) {
    ObjectNode content = notice(newContent).buildEditOf(eventId);
    // The full mention list lives in m.new_content; repeating it at the top level would notify
    // everyone again on every edit (the spec wants only newly added mentions there).
    content.putObject("m.mentions");
    await(
        "edit message " + eventId + " in " + roomId,
        () -> client.sender().send(roomId, "m.room.message", content));
  }

  @Override
  public void react(String roomId, String eventId, String key) {
    await(
        "react to " + eventId + " in " + roomId, () -> client.sender().react(roomId, eventId, key));
  }

  @Override
  public void redact(String roomId, String eventId, String reason) {
    Optional<String> why = Optional.ofNullable(reason).filter(r -> !r.isBlank());
    await(
        "remove message " + eventId + " in " + roomId,
        () -> client.sender().redact(roomId, eventId, why));
  }

  @Override
  public String sendFile(String roomId, FileAttachment file, Optional<Relation> relation) {
    String action = "post the file " + file.fileName() + " in " + roomId;
    ObjectNode content;
    try {
      content =
          client
              .media()
              .fileMessage(roomId, file.content(), file.mimeType(), file.fileName(), "m.file");
    } catch (RuntimeException e) {
      throw PortErrors.of(action, e);
    }
    if (file.caption() != null && !file.caption().isBlank()) {
      // Matrix 1.10 captions: a body that differs from the file name is shown as the caption.
      content.put("body", file.caption());
    }
    ObjectNode message = withRelation(content, relation);
    return await(action, () -> client.sender().sendMessage(roomId, message));
  }

  /**
   * From the sync state cache. Sync loads members lazily, so the first look at a room also asks the
   * server for the full member list once; later changes arrive through sync.
   */
  @Override
  public Optional<RoomInfo> roomInfo(String roomId) {
    RoomRegistry rooms;
    try {
      rooms = client.rooms();
    } catch (IllegalStateException notLoggedIn) {
      return Optional.empty();
    }
    Optional<RoomState> state =
        rooms.room(roomId).filter(s -> s.membership() == RoomState.Membership.JOINED);
    if (state.isPresent() && membersLoaded.add(roomId)) {
      try {
        rooms.mergeMembers(roomId, client.roomActions().joinedMembers(roomId));
        state = rooms.room(roomId);
      } catch (RuntimeException e) {
        membersLoaded.remove(roomId);
        LOG.debug("Members of {} could not be loaded; using those sync has shown", roomId, e);
      }
    }
    return state.map(s ->
        new RoomInfo(roomId, s.label(), rooms.maySpeak(roomId), s.encrypted(), joinedMembers(s)));
  }

  @Override
  public List<String> joinedRooms() {
    try {
      JsonNode body = client.api().call(MatrixRequest.get("/_matrix/client/v3/joined_rooms"));
      List<String> rooms = new ArrayList<>();
      body.path("joined_rooms").forEach(id -> rooms.add(id.asString()));
      return List.copyOf(rooms);
    } catch (RuntimeException e) {
      throw PortErrors.of("list the bot's rooms", e);
    }
  }

  @Override
  public String join(String roomIdOrAlias) {
    try {
      return client.roomActions().join(roomIdOrAlias);
    } catch (RuntimeException e) {
      throw PortErrors.of("join " + roomIdOrAlias, e);
    }
  }

  @Override
  public void leave(String roomId) {
    try {
      client.roomActions().leave(roomId);
    } catch (RuntimeException e) {
      throw PortErrors.of("leave " + roomId, e);
    }
  }

  /**
   * Reuses a room listed for {@code userId} in the bot's {@code m.direct} account data when it is
   * still encrypted and holds only the two of them; else creates one (client-server API, "Direct
   * Messaging": {@code is_direct} on createRoom, and the creating client records the room in {@code
   * m.direct} itself; Synapse does not, element-hq/synapse#4173). The encryption is initial state,
   * so no message can ever be in clear there; and this returns only once sync shows the room
   * encrypted, because the sender encrypts by what sync showed. One call at a time: two runs of one
   * person must not open two rooms, nor lose each other's update of {@code m.direct}.
   */
  @Override
  public synchronized String encryptedDirectRoom(String userId) {
    String me = client.session().userId();
    String path = "/_matrix/client/v3/user/" + MatrixRequest.segment(me) + "/account_data/m.direct";
    ObjectNode direct = directRooms(path);
    for (JsonNode room : direct.path(userId)) {
      if (privateWith(room.asString(""), me, userId)) {
        return room.asString();
      }
    }
    String roomId;
    try {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("preset", "trusted_private_chat");
      body.put("is_direct", true);
      body.put("name", "ChatrixCD (private)");
      body.putArray("invite").add(userId);
      ObjectNode encryption = body.putArray("initial_state").addObject();
      encryption.put("type", "m.room.encryption").put("state_key", "");
      encryption.putObject("content").put("algorithm", "m.megolm.v1.aes-sha2");
      roomId =
          client
              .api()
              .call(MatrixRequest.postJson("/_matrix/client/v3/createRoom", body))
              .path("room_id")
              .asString("");
    } catch (RuntimeException e) {
      throw PortErrors.of("open a private room with " + userId, e);
    }
    var listed = direct.withArray(userId);
    listed.add(roomId);
    try {
      client.api().call(MatrixRequest.putJson(path, direct));
    } catch (RuntimeException e) {
      // The room works without it; it is only not found again next time (a new one is opened).
      LOG.warn("The private room {} could not be remembered: {}", roomId, e.toString());
    }
    awaitEncrypted(roomId);
    return roomId;
  }

  private ObjectNode directRooms(String path) {
    try {
      return client.api().call(MatrixRequest.get(path)) instanceof ObjectNode o
          ? o.deepCopy()
          : JsonNodeFactory.instance.objectNode();
    } catch (MatrixException e) {
      if (e.error() != null && e.error().is("M_NOT_FOUND")) {
        // Never set: the bot has no direct rooms yet.
        return JsonNodeFactory.instance.objectNode();
      }
      throw PortErrors.of("read the bot's direct rooms", e);
    } catch (RuntimeException e) {
      throw PortErrors.of("read the bot's direct rooms", e);
    }
  }

  /** Joined, encrypted, and nobody else in it or invited to it. */
  private boolean privateWith(String roomId, String me, String userId) {
    Optional<RoomState> state =
        client
            .rooms()
            .room(roomId)
            .filter(s -> s.membership() == RoomState.Membership.JOINED && s.encrypted());
    if (state.isEmpty()) {
      return false;
    }
    Set<String> present = new HashSet<>();
    state.get().members().values().stream()
        .filter(m -> m.membership().equals("join") || m.membership().equals("invite"))
        .forEach(m -> present.add(m.userId()));
    return present.equals(Set.of(me, userId));
  }

  private void awaitEncrypted(String roomId) {
    long deadline = System.nanoTime() + Math.min(sendTimeout.toNanos(), ROOM_SEEN.toNanos());
    while (client
        .rooms()
        .room(roomId)
        .filter(s -> s.membership() == RoomState.Membership.JOINED && s.encrypted())
        .isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new PortException(
            "Could not open a private room: the homeserver has not shown it to me as encrypted"
                + " yet. Try again in a moment.");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PortException("Could not open a private room: the bot is shutting down.", e);
      }
    }
  }

  static MessageContent notice(OutgoingMessage message) {
    MessageContent content = MessageContent.notice(message.body());
    if (message.html() != null && !message.html().isBlank()) {
      content.html(message.html());
    }
    message.mentions().forEach(content::mention);
    return content;
  }

  /**
   * Adds the relation. A thread message carries {@code is_falling_back} with the answered event as
   * {@code m.in_reply_to}, so clients without threads still show what it answers.
   */
  static ObjectNode withRelation(ObjectNode content, Optional<Relation> relation) {
    relation.ifPresent(r -> {
      ObjectNode relates = content.putObject("m.relates_to");
      switch (r) {
        case Relation.Thread thread -> {
          relates.put("rel_type", "m.thread");
          relates.put("event_id", thread.eventId());
          relates.put("is_falling_back", true);
          String answered =
              thread.replyTo() == null || thread.replyTo().isBlank()
                  ? thread.eventId()
                  : thread.replyTo();
          relates.putObject("m.in_reply_to").put("event_id", answered);
        }
        case Relation.Reply reply ->
            relates.putObject("m.in_reply_to").put("event_id", reply.eventId());
      }
    });
    return content;
  }

  private static List<String> joinedMembers(RoomState state) {
    return state.members().values().stream()
        .filter(m -> m.membership().equals("join"))
        .map(Member::userId)
        .sorted()
        .toList();
  }

  private <T> T await(String action, java.util.function.Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      throw PortErrors.of(action, e);
    }
    try {
      return future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw PortErrors.of(action, e);
    } catch (TimeoutException e) {
      throw new PortException(
          "Could not "
              + action
              + ": the homeserver did not confirm within "
              + sendTimeout.toSeconds()
              + " s. The send stays queued and goes out once the homeserver answers.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortException("Could not " + action + ": the bot is shutting down.", e);
    }
  }
}
