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
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * What the machine needs to know about rooms: who is in them (to share room keys), who left (to
 * rotate the key), and each room's {@code m.room.encryption} rotation settings.
 */
final class RoomCryptoTracker {
  private static final Set<String> IN_ROOM = Set.of("join", "invite");

  private final OlmMachine machine;
  private final MatrixClient matrix;
  private final TrustPolicy policy;
  private final Map<String, JsonNode> encryptionState = new ConcurrentHashMap<>();
  private final Set<String> membersFetched = ConcurrentHashMap.newKeySet();

  RoomCryptoTracker(OlmMachine machine, MatrixClient matrix, TrustPolicy policy) {
    this.machine = machine;
    this.matrix = matrix;
    this.policy = policy;
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
      }
    }
    batch.left().forEach(membersFetched::remove);
    if (!joined.isEmpty()) {
      machine.updateTrackedUsers(joined);
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
   * so the full list is fetched once per room; later changes arrive through sync.
   */
  Set<String> members(String roomId) {
    if (membersFetched.add(roomId)) {
      try {
        matrix.rooms().mergeMembers(roomId, matrix.roomActions().joinedMembers(roomId));
      } catch (RuntimeException e) {
        membersFetched.remove(roomId);
        throw e;
      }
    }
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

  RoomEncryptionSettings settings(String roomId) {
    JsonNode content = encryptionState.get(roomId);
    return content == null
        ? RoomEncryptionSettings.defaults(policy)
        : RoomEncryptionSettings.fromStateContent(content, policy);
  }
}
