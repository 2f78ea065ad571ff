package cd.chatrix.matrix.room;

import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.sync.SyncBatch;
import cd.chatrix.matrix.sync.SyncListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The room state cache. Fed by every sync before handlers run, so a handler always sees state at
 * least as new as its event. Reads are lock-free snapshots.
 */
public final class RoomRegistry implements SyncListener {
  private final String ownUserId;
  private final Map<String, RoomState> rooms = new ConcurrentHashMap<>();

  public RoomRegistry(String ownUserId) {
    this.ownUserId = ownUserId;
  }

  @Override
  public void onSync(SyncBatch batch) {
    for (SyncBatch.JoinedRoom room : batch.joined()) {
      // One atomic step per room: a member list fetched in the background (mergeMembers) lands
      // either before or after this update, never in between to be overwritten by it. A lost
      // merge left a restarted bot without the members lazy loading does not repeat, and it then
      // rotated its room key away from them.
      rooms.compute(
          room.roomId(),
          (id, before) -> {
            RoomState state =
                Optional.ofNullable(before)
                    .filter(s -> s.membership() == RoomState.Membership.JOINED)
                    .orElseGet(() -> empty(id, RoomState.Membership.JOINED));
            state = apply(state, room.state());
            return apply(state, room.timeline().stream().filter(e -> e.has("state_key")).toList());
          });
    }
    for (SyncBatch.InvitedRoom invite : batch.invited()) {
      rooms.put(
          invite.roomId(),
          apply(empty(invite.roomId(), RoomState.Membership.INVITED), invite.inviteState()));
    }
    batch.left().forEach(rooms::remove);
  }

  public Optional<RoomState> room(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  public List<RoomState> joined() {
    return rooms.values().stream()
        .filter(r -> r.membership() == RoomState.Membership.JOINED)
        .toList();
  }

  public List<RoomState> invited() {
    return rooms.values().stream()
        .filter(r -> r.membership() == RoomState.Membership.INVITED)
        .toList();
  }

  /** Whether the power levels let the bot post messages (plain or encrypted) in the room. */
  public boolean maySpeak(String roomId) {
    RoomState state = rooms.get(roomId);
    if (state == null || state.membership() != RoomState.Membership.JOINED) {
      return false;
    }
    String type = state.encrypted() ? "m.room.encrypted" : "m.room.message";
    return state.maySend(ownUserId, type);
  }

  /** Merges members fetched with {@code /joined_members} (lazy loading leaves gaps). */
  public void mergeMembers(String roomId, Map<String, Member> fetched) {
    rooms.computeIfPresent(
        roomId,
        (id, s) -> {
          Map<String, Member> members = new HashMap<>(s.members());
          members.putAll(fetched);
          return new RoomState(
              id,
              s.membership(),
              s.name(),
              s.canonicalAlias(),
              s.encryption(),
              s.powerLevels(),
              members,
              s.creators());
        });
  }

  private static RoomState empty(String roomId, RoomState.Membership membership) {
    return new RoomState(
        roomId,
        membership,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        PowerLevels.ABSENT,
        Map.of(),
        Set.of());
  }

  static RoomState apply(RoomState state, List<JsonNode> events) {
    if (events.isEmpty()) {
      return state;
    }
    Optional<String> name = state.name();
    Optional<String> alias = state.canonicalAlias();
    Optional<String> encryption = state.encryption();
    PowerLevels powerLevels = state.powerLevels();
    Set<String> creators = state.creators();
    Map<String, Member> members = new HashMap<>(state.members());
    for (JsonNode event : events) {
      JsonNode content = event.path("content");
      switch (Json.text(event, "type")) {
        case "m.room.name" -> name = nonEmpty(Json.text(content, "name"));
        case "m.room.canonical_alias" -> alias = nonEmpty(Json.text(content, "alias"));
        case "m.room.encryption" ->
            encryption = nonEmpty(Json.text(content, "algorithm")).or(() -> Optional.of(""));
        case "m.room.power_levels" -> powerLevels = PowerLevels.from(content);
        case "m.room.create" -> creators = privilegedCreators(event);
        case "m.room.member" -> {
          String userId = Json.text(event, "state_key");
          if (!userId.isEmpty()) {
            members.put(
                userId,
                new Member(
                    userId,
                    nonEmpty(Json.text(content, "displayname")),
                    Json.text(content, "membership")));
          }
        }
        default -> {}
      }
    }
    return new RoomState(
        state.roomId(),
        state.membership(),
        name,
        alias,
        encryption,
        powerLevels,
        members,
        creators);
  }

  /** Room versions 12 and later give the creators unlimited power (MSC4289). */
  static Set<String> privilegedCreators(JsonNode create) {
    JsonNode content = create.path("content");
    String version = Json.text(content, "room_version");
    int number;
    try {
      number = Integer.parseInt(version.isEmpty() ? "1" : version);
    } catch (NumberFormatException experimental) {
      return Set.of();
    }
    if (number < 12) {
      return Set.of();
    }
    Set<String> creators = new HashSet<>();
    creators.add(Json.text(create, "sender"));
    content.path("additional_creators").forEach(c -> creators.add(c.asString()));
    creators.remove("");
    return creators;
  }

  private static Optional<String> nonEmpty(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
