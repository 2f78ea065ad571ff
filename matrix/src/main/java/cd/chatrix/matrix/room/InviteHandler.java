package cd.chatrix.matrix.room;

import cd.chatrix.matrix.http.Json;
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

  public InviteHandler(String ownUserId, RoomActions actions, InvitePolicy policy) {
    this.ownUserId = ownUserId;
    this.actions = actions;
    this.policy = policy;
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
    try {
      InvitePolicy.Answer answer = policy.answer(invite);
      String why = answer.reason().isEmpty() ? "" : ": " + answer.reason();
      switch (answer.decision()) {
        case ACCEPT -> {
          LOG.info("Joining {} (invited by {}){}", invite.roomId(), inviter, why);
          actions.join(invite.roomId());
        }
        case DECLINE -> {
          LOG.info("Declining the invite to {} from {}{}", invite.roomId(), inviter, why);
          actions.leave(invite.roomId());
        }
        case IGNORE ->
            LOG.info("Leaving the invite to {} from {} pending{}", invite.roomId(), inviter, why);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Answering the invite to {} from {} failed: {}",
          invite.roomId(),
          inviter,
          e.getMessage());
      inFlight.remove(invite.roomId());
    }
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
