package cd.chatrix.matrix.room;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.Passing;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.sync.SyncBatch;
import cd.chatrix.matrix.sync.SyncListener;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Asks the invite policy about each new invitation and joins or declines on a virtual thread, so a
 * slow join never holds up the sync loop.
 */
public final class InviteHandler implements SyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(InviteHandler.class);

  private final String ownUserId;
  private final RoomActions actions;
  private volatile InvitePolicy policy;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<Thread> answering = ConcurrentHashMap.newKeySet();
  private final Backoff backoff;
  private final Sleeper sleeper;
  private volatile boolean closed;

  /** Joins and declines lost to passing failures are tried this often before giving up. */
  static final int MAX_ATTEMPTS = 8;

  public InviteHandler(String ownUserId, RoomActions actions, InvitePolicy policy) {
    this(ownUserId, actions, policy, Backoff.configured(), Sleeper.REAL);
  }

  public InviteHandler(
      String ownUserId,
      RoomActions actions,
      InvitePolicy policy,
      Backoff backoff,
      Sleeper sleeper) {
    this.ownUserId = ownUserId;
    this.actions = actions;
    this.policy = policy;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public void setPolicy(InvitePolicy newPolicy) {
    this.policy = newPolicy;
  }

  @Override
  public void onSync(SyncBatch batch) {
    for (SyncBatch.InvitedRoom room : batch.invited()) {
      if (inFlight.add(room.roomId())) {
        Invite invite = describe(room);
        Thread answer =
            Thread.ofVirtual()
                .name("invite-" + room.roomId())
                .unstarted(() -> {
                  try {
                    answer(invite);
                  } finally {
                    answering.remove(Thread.currentThread());
                  }
                });
        answering.add(answer);
        answer.start();
      }
    }
    batch.joined().forEach(r -> inFlight.remove(r.roomId()));
    batch.left().forEach(inFlight::remove);
  }

  /**
   * Waits up to {@code timeout} for the invites seen so far to be joined or declined: what the bot
   * says at start-up should reach rooms it was invited to while it was away.
   */
  public void awaitAnswers(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : Set.copyOf(answering)) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !t.join(Duration.ofNanos(left))) {
        return;
      }
    }
  }

  private void answer(Invite invite) {
    String inviter = invite.inviter().orElse("an unknown inviter");
    InvitePolicy.Answer answer;
    try {
      answer = policy.answer(invite);
    } catch (RuntimeException e) {
      LOG.warn(
          "Deciding on the invite to {} from {} failed: {}",
          invite.roomId(),
          inviter,
          e.getMessage());
      inFlight.remove(invite.roomId());
      return;
    }
    String why = answer.reason().isEmpty() ? "" : ": " + answer.reason();
    switch (answer.decision()) {
      case ACCEPT -> {
        LOG.info("Joining {} (invited by {}){}", invite.roomId(), inviter, why);
        carryOut(invite, "join", () -> actions.join(invite.roomId()));
      }
      case DECLINE -> {
        LOG.info("Declining the invite to {} from {}{}", invite.roomId(), inviter, why);
        carryOut(invite, "decline", () -> actions.leave(invite.roomId()));
      }
      case IGNORE ->
          LOG.info("Leaving the invite to {} from {} pending{}", invite.roomId(), inviter, why);
    }
  }

  /**
   * The server does not send an invite again, so a join lost to an outage would be lost for good:
   * passing failures are retried with back-off (the transport logs the outage once), the server's
   * refusals are not.
   */
  private void carryOut(Invite invite, String what, Runnable action) {
    for (int attempt = 0; ; attempt++) {
      try {
        action.run();
        return;
      } catch (RuntimeException e) {
        if (!Passing.failure(e) || attempt + 1 >= MAX_ATTEMPTS || closed) {
          LOG.warn(
              "Could not {} {} ({}); a new invite will be answered again",
              what,
              invite.roomId(),
              e.getMessage());
          inFlight.remove(invite.roomId());
          return;
        }
        LOG.debug(
            "Answering the invite to {} failed ({}); retrying", invite.roomId(), e.getMessage());
        try {
          sleeper.sleep(backoff.delay(attempt));
        } catch (IllegalStateException interrupted) {
          inFlight.remove(invite.roomId());
          return;
        }
      }
    }
  }

  /** Stops retrying answers (the client is closing). */
  public void close() {
    closed = true;
  }

  private Invite describe(SyncBatch.InvitedRoom room) {
    Optional<String> inviter = Optional.empty();
    Optional<String> name = Optional.empty();
    for (JsonNode event : room.inviteState()) {
      String type = Json.text(event, "type");
      if (type.equals("m.room.member") && Json.text(event, "state_key").equals(ownUserId)) {
        inviter = Optional.of(Json.text(event, "sender")).filter(s -> !s.isEmpty());
      } else if (type.equals("m.room.name")) {
        name = Optional.of(Json.text(event.path("content"), "name")).filter(s -> !s.isEmpty());
      }
    }
    return new Invite(room.roomId(), inviter, name);
  }
}
