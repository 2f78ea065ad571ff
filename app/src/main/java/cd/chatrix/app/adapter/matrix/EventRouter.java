package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.policy.InviteVerdict;
import cd.chatrix.bot.text.ReplyFallback;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.room.Invite;
import cd.chatrix.matrix.room.InvitePolicy;
import cd.chatrix.matrix.room.Member;
import cd.chatrix.matrix.room.RoomRegistry;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.matrix.sync.RoomEventHandler;
import cd.chatrix.matrix.sync.SyncBatch;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * otherwise talk to each other forever). Every message and reaction carries what the {@link
 * SenderCheck} says of its sending device.
 *
 * <p>Invites are joined or declined as the inbox says, with the reason in the log. A room the bot
 * joins but does not serve (outside {@code bot.allowed_rooms}) hears once, when it first shows up
 * joined in a sync (so the room's encryption and members are known), that it is not enabled.
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
  private final SenderCheck senders;
  private final NoticeLedger notices;
  private final Set<String> awaitingNotice = ConcurrentHashMap.newKeySet();

  /**
   * @param displayNames (room id, user id) → the member's display name, if known
   */
  public EventRouter(
      String ownUserId, BiFunction<String, String, Optional<String>> displayNames, BotInbox inbox) {
    this(ownUserId, displayNames, inbox, SenderCheck.ANY_DEVICE, NoticeLedger.inMemory());
  }

  public EventRouter(
      String ownUserId,
      BiFunction<String, String, Optional<String>> displayNames,
      BotInbox inbox,
      SenderCheck senders,
      NoticeLedger notices) {
    this.ownUserId = ownUserId;
    this.displayNames = displayNames;
    this.inbox = inbox;
    this.senders = senders;
    this.notices = notices;
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
    return attach(client, inbox, register, SenderCheck.ANY_DEVICE, NoticeLedger.inMemory());
  }

  /**
   * The production wiring: as above, with each event's sending device judged by {@code senders} and
   * the not-enabled notices remembered in {@code notices}.
   */
  public static EventRouter attach(
      MatrixClient client,
      BotInbox inbox,
      Consumer<RoomEventHandler> register,
      SenderCheck senders,
      NoticeLedger notices) {
    RoomRegistry rooms = client.rooms();
    EventRouter router =
        new EventRouter(
            client.session().userId(),
            (room, user) -> nameOf(rooms, room, user),
            inbox,
            senders,
            notices);
    register.accept(router);
    client.onSync(router::onSync);
    client.setInvitePolicy(router.invitePolicy());
    return router;
  }

  /** Joins when the inbox accepts the inviter, declines otherwise; says why in the log. */
  public InvitePolicy invitePolicy() {
    return new InvitePolicy() {
      @Override
      public Decision decide(Invite invite) {
        return answer(invite).decision();
      }

      @Override
      public Answer answer(Invite invite) {
        return EventRouter.this.answer(invite);
      }
    };
  }

  private InvitePolicy.Answer answer(Invite invite) {
    String inviter = invite.inviter().orElse("");
    return switch (inbox.inviteVerdict(inviter, invite.roomId())) {
      case InviteVerdict.Join join -> new InvitePolicy.Answer(InvitePolicy.Decision.ACCEPT, "");
      case InviteVerdict.JoinNotEnabled notEnabled -> {
        if (!notices.noticed(invite.roomId())) {
          awaitingNotice.add(invite.roomId());
        }
        yield new InvitePolicy.Answer(
            InvitePolicy.Decision.ACCEPT,
            "the room is not in bot.allowed_rooms, so it is told once that it is not enabled and"
                + " its commands go unanswered");
      }
      case InviteVerdict.Decline decline ->
          new InvitePolicy.Answer(InvitePolicy.Decision.DECLINE, decline.reason());
    };
  }

  /** Rooms joined for a not-enabled notice get it once they show up joined. */
  void onSync(SyncBatch batch) {
    for (SyncBatch.JoinedRoom room : batch.joined()) {
      if (awaitingNotice.remove(room.roomId())) {
        Thread.ofVirtual()
            .name("not-enabled-notice-" + room.roomId())
            .start(() -> announceNotEnabled(room.roomId()));
      }
    }
  }

  private void announceNotEnabled(String roomId) {
    try {
      if (notices.noticed(roomId)) {
        return;
      }
      if (inbox.announceNotEnabled(roomId)) {
        notices.markNoticed(roomId);
        LOG.info("Told {} that it is not enabled (not in bot.allowed_rooms)", roomId);
      } else {
        // Tried again when the room next shows up in a sync.
        awaitingNotice.add(roomId);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not tell {} that it is not enabled: {}", roomId, e.getMessage());
      awaitingNotice.add(roomId);
    }
  }

  @Override
  public void onEvent(RoomEvent event) {
    if (event.historic() || event.isState() || event.sender().equals(ownUserId)) {
      return;
    }
    switch (event.type()) {
      case "m.room.message" -> toMessage(event).ifPresent(inbox::onMessage);
      case "m.reaction" ->
          toReaction(event).map(r -> withTrust(r, senders.of(event))).ifPresent(inbox::onReaction);
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
    String body = quoted ? ReplyFallback.strip(event.body()) : event.body();
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
            replyTo,
            senders.of(event)));
  }

  private static IncomingReaction withTrust(IncomingReaction r, SenderTrust trust) {
    return new IncomingReaction(
        r.roomId(), r.eventId(), r.sender(), r.targetEventId(), r.key(), trust);
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

  private static Optional<String> nameOf(RoomRegistry rooms, String roomId, String userId) {
    return rooms
        .room(roomId)
        .map(RoomState::members)
        .map(members -> members.get(userId))
        .flatMap(Member::displayName)
        .filter(n -> !n.isBlank());
  }
}
