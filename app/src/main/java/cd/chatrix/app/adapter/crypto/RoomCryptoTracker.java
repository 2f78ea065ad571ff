package cd.chatrix.app.adapter.crypto;

import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.RoomEncryptionSettings;
import cd.chatrix.crypto.TrustPolicy;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.room.Member;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.sync.SyncBatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What the machine needs to know about rooms: who is in them (to share room keys), who left (to
 * rotate the key), and each room's {@code m.room.encryption} rotation settings.
 *
 * <p>The full member list of an encrypted room is fetched in the background as soon as the room
 * shows up in a sync, one room at a time, so that the bot's first reply there does not wait for a
 * {@code joined_members} round trip (issue 13: the reply is the first request on its path). A reply
 * that comes before the background fetch ran does the fetch itself; one that comes while it runs
 * waits for it.
 */
final class RoomCryptoTracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoomCryptoTracker.class);
  private static final Set<String> IN_ROOM = Set.of("join", "invite");

  private final OlmMachine machine;
  private final MatrixClient matrix;
  private final TrustPolicy policy;
  private final Map<String, JsonNode> encryptionState = new ConcurrentHashMap<>();
  private final Map<String, MemberFetch> memberFetches = new ConcurrentHashMap<>();
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("room-members").factory());
  private final Runnable wakeRequests;

  /**
   * @param wakeRequests tells the request loop that the machine may have requests to send (after a
   *     background fetch made new people tracked)
   */
  RoomCryptoTracker(
      OlmMachine machine, MatrixClient matrix, TrustPolicy policy, Runnable wakeRequests) {
    this.machine = machine;
    this.matrix = matrix;
    this.policy = policy;
    this.wakeRequests = wakeRequests;
  }

  /** Runs in the sync loop, before the batch's events are handled. */
  void onSync(SyncBatch batch) {
    Set<String> joined = new LinkedHashSet<>();
    for (SyncBatch.JoinedRoom room : batch.joined()) {
      Set<String> present = new LinkedHashSet<>();
      scan(room.roomId(), room.state(), false, present);
      scan(room.roomId(), room.timeline(), true, present);
      if (encrypted(room.roomId())) {
        // Device lists of people in clear rooms are none of our business.
        joined.addAll(present);
        prefetchMembers(room.roomId());
      }
    }
    batch.left().forEach(memberFetches::remove);
    if (!joined.isEmpty()) {
      machine.updateTrackedUsers(joined);
    }
  }

  private void prefetchMembers(String roomId) {
    if (memberFetches.containsKey(roomId)) {
      return;
    }
    MemberFetch fetch = memberFetches.computeIfAbsent(roomId, MemberFetch::new);
    try {
      background.execute(() -> {
        if (fetch.run() && !fetch.done.isCompletedExceptionally()) {
          // Their device keys are then queried in the background too.
          machine.updateTrackedUsers(members(roomId));
          wakeRequests.run();
        }
      });
    } catch (RejectedExecutionException closing) {
      // Closing: the reply path fetches for itself, should one still come.
    }
  }

  private boolean encrypted(String roomId) {
    return encryptionState.containsKey(roomId)
        || matrix.rooms().room(roomId).map(RoomState::encrypted).orElse(false);
  }

  private void scan(String roomId, List<JsonNode> events, boolean live, Set<String> joined) {
    for (JsonNode event : events) {
      if (!event.has("state_key")) {
        continue;
      }
      String type = event.path("type").asString("");
      if (type.equals("m.room.encryption")) {
        encryptionState.put(roomId, event.path("content"));
      } else if (type.equals("m.room.member")) {
        String user = event.path("state_key").asString("");
        String membership = event.path("content").path("membership").asString("");
        if (IN_ROOM.contains(membership)) {
          joined.add(user);
        } else if (wasInRoom(event, live)) {
          machine.onMemberLeft(roomId, user);
        }
      }
    }
  }

  /**
   * A leave or ban of someone who was in the room. A timeline event whose earlier membership is
   * unknown counts too (better a spare rotation than a key for someone gone); the state section
   * needs proof, because after a restart it repeats every old departure.
   */
  private static boolean wasInRoom(JsonNode memberEvent, boolean live) {
    JsonNode prev = memberEvent.path("unsigned").path("prev_content").path("membership");
    return prev.isString() ? IN_ROOM.contains(prev.asString()) : live;
  }

  /**
   * Joined and invited members. With lazy-loaded members the sync shows only those who were active,
   * so the full list is fetched once per room (normally in the background already); later changes
   * arrive through sync.
   */
  Set<String> members(String roomId) {
    awaitMembers(roomId, true);
    Set<String> members = new LinkedHashSet<>();
    matrix.rooms().room(roomId).map(RoomState::members).orElse(Map.of()).values().stream()
        .filter(m -> IN_ROOM.contains(m.membership()))
        .map(Member::userId)
        .forEach(members::add);
    if (members.isEmpty()) {
      matrix.roomActions().joinedMembers(roomId).keySet().forEach(members::add);
    }
    return members;
  }

  /**
   * Waits for the room's one member fetch, running it here if the background has not started it. A
   * background fetch that failed is tried once more here; a failure here is the caller's.
   */
  private void awaitMembers(String roomId, boolean retry) {
    MemberFetch fetch = memberFetches.computeIfAbsent(roomId, MemberFetch::new);
    boolean ranHere = fetch.run();
    try {
      fetch.done.join();
    } catch (CompletionException e) {
      memberFetches.remove(roomId, fetch);
      if (ranHere || !retry) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      awaitMembers(roomId, false);
    }
  }

  RoomEncryptionSettings settings(String roomId) {
    JsonNode content = encryptionState.get(roomId);
    return content == null
        ? RoomEncryptionSettings.defaults(policy)
        : RoomEncryptionSettings.fromStateContent(content, policy);
  }

  /** Stops the background fetches; a fetch under way finishes. */
  @Override
  public void close() {
    background.shutdownNow();
  }

  /**
   * One room's member fetch, run once by whoever comes first: the background queue or a reply that
   * cannot wait for its turn there.
   */
  private final class MemberFetch {
    private final String roomId;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    MemberFetch(String roomId) {
      this.roomId = roomId;
    }

    /** Fetches unless someone else did or does; true when this call did the fetching. */
    boolean run() {
      if (!claimed.compareAndSet(false, true)) {
        return false;
      }
      try {
        matrix.rooms().mergeMembers(roomId, matrix.roomActions().joinedMembers(roomId));
        done.complete(null);
      } catch (RuntimeException e) {
        // The transport has logged an outage; the reply path tries again and reports it.
        LOG.debug("Fetching the members of {} failed: {}", roomId, e.getMessage());
        done.completeExceptionally(e);
      }
      return true;
    }
  }
}
