package cd.chatrix.testkit.matrix;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a sync filter this server honours: timeline limit and event types, room allow-list,
 * include_leave, and lazy-loading of members.
 */
record SyncFilter(
    int timelineLimit,
    boolean lazyLoadMembers,
    Optional<Set<String>> types,
    Set<String> notTypes,
    Optional<Set<String>> rooms,
    boolean includeLeave) {

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  static SyncFilter none() {
    return new SyncFilter(
        DEFAULT_LIMIT, false, Optional.empty(), Set.of(), Optional.empty(), false);
  }

  /** Reads the {@code filter} parameter: a stored filter id or inline JSON. */
  static SyncFilter parse(ServerState state, String userId, Optional<String> param) {
    if (param.isEmpty() || param.get().isEmpty()) {
      return none();
    }
    String value = param.get();
    JsonNode node;
    if (value.startsWith("{")) {
      // Synapse rest/client/sync.py (v1.67.0 and today): bad JSON is 400 "Invalid filter JSON",
      // a schema violation is what FilterSchema says, an unknown id is 400 M_INVALID_PARAM.
      try {
        node = Json.MAPPER.readTree(value);
      } catch (JacksonException e) {
        throw MatrixError.badRequest("M_UNKNOWN", "Invalid filter JSON");
      }
      state.dialect.filters().check(node);
    } else {
      node =
          state
              .filters
              .get(userId, value)
              .orElseThrow(() -> MatrixError.badRequest("M_INVALID_PARAM", "No such filter"));
    }
    return from(node);
  }

  static SyncFilter from(JsonNode filter) {
    JsonNode room = filter.path("room");
    JsonNode timeline = room.path("timeline");
    // Synapse caps the timeline limit at filter_timeline_limit, default 100 (config/server.py;
    // rest/client/_base.py set_timeline_upper_limit), in v1.67.0 and today alike.
    int limit = Math.min(MAX_LIMIT, timeline.path("limit").asInt(DEFAULT_LIMIT));
    boolean lazy =
        room.path("state").path("lazy_load_members").asBoolean(false)
            || timeline.path("lazy_load_members").asBoolean(false);
    return new SyncFilter(
        Math.max(1, limit),
        lazy,
        strings(timeline.get("types")),
        strings(timeline.get("not_types")).orElse(Set.of()),
        strings(room.get("rooms")),
        room.path("include_leave").asBoolean(false));
  }

  private static Optional<Set<String>> strings(JsonNode node) {
    if (node == null || !node.isArray()) {
      return Optional.empty();
    }
    Set<String> out = new HashSet<>();
    node.forEach(n -> out.add(n.asString()));
    return Optional.of(out);
  }

  boolean wantsRoom(String roomId) {
    return rooms.map(r -> r.contains(roomId)).orElse(true);
  }

  boolean wantsType(String type) {
    if (notTypes.contains(type)) {
      return false;
    }
    return types.map(t -> t.stream().anyMatch(p -> matches(p, type))).orElse(true);
  }

  private static boolean matches(String pattern, String type) {
    return pattern.endsWith("*")
        ? type.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(type);
  }
}
