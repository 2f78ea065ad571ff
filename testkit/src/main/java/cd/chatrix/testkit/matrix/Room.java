package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A room: its events in stream order, its current state, and power-level arithmetic. */
final class Room {
  final String roomId;
  final List<RoomEvent> events = new ArrayList<>();
  private final Map<String, RoomEvent> state = new LinkedHashMap<>();

  Room(String roomId) {
    this.roomId = roomId;
  }

  static String key(String type, String stateKey) {
    return type + "\u0000" + stateKey;
  }

  void add(RoomEvent event) {
    events.add(event);
    if (event.isState()) {
      state.put(key(event.type, event.stateKey), event);
    }
  }

  Optional<RoomEvent> state(String type, String stateKey) {
    return Optional.ofNullable(state.get(key(type, stateKey)));
  }

  List<RoomEvent> currentState() {
    return List.copyOf(state.values());
  }

  /** The room state as it stood after every event up to and including {@code position}. */
  Map<String, RoomEvent> stateAt(long position) {
    Map<String, RoomEvent> at = new LinkedHashMap<>();
    for (RoomEvent event : events) {
      if (event.position > position) {
        break;
      }
      if (event.isState()) {
        at.put(key(event.type, event.stateKey), event);
      }
    }
    return at;
  }

  String membership(String userId) {
    return state("m.room.member", userId).map(e -> e.contentString("membership")).orElse("");
  }

  List<String> members(String membership) {
    List<String> out = new ArrayList<>();
    for (RoomEvent event : state.values()) {
      if (event.type.equals("m.room.member")
          && membership.equals(event.contentString("membership"))) {
        out.add(event.stateKey);
      }
    }
    return out;
  }

  boolean encrypted() {
    return state("m.room.encryption", "").isPresent();
  }

  int userLevel(String userId) {
    Optional<RoomEvent> levels = state("m.room.power_levels", "");
    if (levels.isEmpty()) {
      String creator = state("m.room.create", "").map(e -> e.sender).orElse("");
      return creator.equals(userId) ? 100 : 0;
    }
    JsonNode users = levels.get().content().path("users");
    JsonNode own = users.get(userId);
    return own != null && own.isNumber() ? own.asInt() : intField("users_default", 0);
  }

  /** The level needed to send an event of this type (state or not). */
  int eventLevel(String type, boolean isState) {
    Optional<RoomEvent> levels = state("m.room.power_levels", "");
    if (levels.isEmpty()) {
      return 0;
    }
    JsonNode specific = levels.get().content().path("events").get(type);
    if (specific != null && specific.isNumber()) {
      return specific.asInt();
    }
    return isState ? intField("state_default", 50) : intField("events_default", 0);
  }

  /** The level for an action such as invite, kick, ban or redact. */
  int actionLevel(String action, int fallback) {
    return state("m.room.power_levels", "").isEmpty() ? fallback : intField(action, fallback);
  }

  private int intField(String field, int fallback) {
    JsonNode value = state("m.room.power_levels", "").map(e -> e.content().get(field)).orElse(null);
    return value != null && value.isNumber() ? value.asInt() : fallback;
  }
}
