package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.room.Invite;
import cd.chatrix.matrix.room.InvitePolicy;
import cd.chatrix.matrix.room.Member;
import cd.chatrix.matrix.room.RoomRegistry;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.matrix.sync.RoomEventHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the sync engine's room events into bot events: text messages of other people become {@link
 * IncomingMessage}s, reactions become {@link IncomingReaction}s, and invitations are decided by the
 * inbox. Skipped: the bot's own events, events from before the first sync after a fresh login
 * (historic), edits ({@code m.replace}: re-running an edited command would surprise people), and
 * {@code m.notice}s, which the spec says automated clients must not answer (two bots would
 * otherwise talk to each other forever).
 *
 * <p>Each event reaches this router once: the sync engine skips ids its state store has recorded as
 * handled, and records an event only after this router returned.
 */
public final class EventRouter implements RoomEventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);
  private static final Set<String> COMMAND_MSGTYPES = Set.of("m.text");

  private final String ownUserId;
  private final BiFunction<String, String, Optional<String>> displayNames;
  private final BotInbox inbox;

  /**
   * @param displayNames (room id, user id) → the member's display name, if known
   */
  public EventRouter(
      String ownUserId, BiFunction<String, String, Optional<String>> displayNames, BotInbox inbox) {
    this.ownUserId = ownUserId;
    this.displayNames = displayNames;
    this.inbox = inbox;
  }

  /**
   * Wires a router into a logged-in client: room events go to the inbox and invitations are decided
   * by it. Call before {@link MatrixClient#startSync()}.
   */
  public static EventRouter attach(MatrixClient client, BotInbox inbox) {
    return attach(client, inbox, client::onRoomEvent);
  }

  /**
   * Like {@link #attach(MatrixClient, BotInbox)}, with room events taken from {@code register}
   * instead of the client itself: with encryption on, the bridge delivers them decrypted.
   */
  public static EventRouter attach(
      MatrixClient client, BotInbox inbox, Consumer<RoomEventHandler> register) {
    RoomRegistry rooms = client.rooms();
    EventRouter router =
        new EventRouter(
            client.session().userId(), (room, user) -> nameOf(rooms, room, user), inbox);
    register.accept(router);
    client.setInvitePolicy(router.invitePolicy());
    return router;
  }

  /** Joins when the inbox accepts the inviter, declines otherwise. */
  public InvitePolicy invitePolicy() {
    return this::decide;
  }

  private InvitePolicy.Decision decide(Invite invite) {
    String inviter = invite.inviter().orElse("");
    return inbox.acceptsInvite(inviter, invite.roomId())
        ? InvitePolicy.Decision.ACCEPT
        : InvitePolicy.Decision.DECLINE;
  }

  @Override
  public void onEvent(RoomEvent event) {
    if (event.historic() || event.isState() || event.sender().equals(ownUserId)) {
      return;
    }
    switch (event.type()) {
      case "m.room.message" -> toMessage(event).ifPresent(inbox::onMessage);
      case "m.reaction" -> toReaction(event).ifPresent(inbox::onReaction);
      case "m.room.encrypted" ->
          LOG.debug(
              "Event {} in {} is still encrypted; waiting for its key",
              event.eventId(),
              event.roomId());
      default -> {}
    }
  }

  Optional<IncomingMessage> toMessage(RoomEvent event) {
    boolean edit = event.relation().filter(r -> r.type().equals("m.replace")).isPresent();
    if (!COMMAND_MSGTYPES.contains(event.msgtype()) || edit) {
      return Optional.empty();
    }
    // A thread's falling-back in_reply_to exists only for clients without threads: not a reply.
    Optional<String> replyTo = event.inReplyTo();
    boolean quoted = event.content().path("m.relates_to").has("m.in_reply_to");
    String body = quoted ? stripReplyFallback(event.body()) : event.body();
    String name = displayNames.apply(event.roomId(), event.sender()).orElse(event.sender());
    return Optional.of(
        new IncomingMessage(
            event.roomId(),
            event.eventId(),
            event.sender(),
            name,
            body,
            Instant.ofEpochMilli(event.originServerTs()),
            event.threadRoot(),
            replyTo));
  }

  static Optional<IncomingReaction> toReaction(RoomEvent event) {
    return event
        .relation()
        .filter(r -> r.type().equals("m.annotation"))
        .flatMap(r ->
            r.key()
                .map(key ->
                    new IncomingReaction(
                        event.roomId(), event.eventId(), event.sender(), r.eventId(), key)));
  }

  /**
   * Removes the quoted original that older clients put before a reply: leading lines starting with
   * {@code >}, then one blank line. A body that only looks like a quote stays as it is.
   */
  static String stripReplyFallback(String body) {
    if (!body.startsWith(">")) {
      return body;
    }
    String[] lines = body.split("\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].startsWith(">")) {
      i++;
    }
    if (i >= lines.length || !lines[i].isEmpty()) {
      return body;
    }
    return String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
  }

  private static Optional<String> nameOf(RoomRegistry rooms, String roomId, String userId) {
    return rooms
        .room(roomId)
        .map(RoomState::members)
        .map(members -> members.get(userId))
        .flatMap(Member::displayName)
        .filter(n -> !n.isBlank());
  }
}
