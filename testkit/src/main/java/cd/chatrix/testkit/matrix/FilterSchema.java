package cd.chatrix.testkit.matrix;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which fields a sync filter may have, level by level. A strict schema refuses any other field with
 * 400 M_UNKNOWN, as Synapse's JSON-schema check does; a forward-compatible one only checks the
 * shape of the fields it knows.
 *
 * @param strict whether unknown fields are refused
 * @param top fields of the filter itself
 * @param eventFilter fields of {@code presence} and {@code account_data}
 * @param roomFilter fields of {@code room}
 * @param roomEventFilter fields of {@code room.state}, {@code timeline}, {@code ephemeral} and
 *     {@code account_data}
 */
public record FilterSchema(
    boolean strict,
    Set<String> top,
    Set<String> eventFilter,
    Set<String> roomFilter,
    Set<String> roomEventFilter) {

  private static final Set<String> TOP =
      Set.of("presence", "account_data", "room", "event_format", "event_fields");
  private static final Set<String> EVENT_FILTER =
      Set.of("limit", "senders", "not_senders", "types", "not_types");
  private static final Set<String> ROOM_FILTER =
      Set.of(
          "not_rooms", "rooms", "ephemeral", "include_leave", "state", "timeline", "account_data");
  private static final Set<String> ROOM_EVENT_FILTER_1_67 =
      Set.of(
          "limit",
          "senders",
          "not_senders",
          "types",
          "not_types",
          "rooms",
          "not_rooms",
          "contains_url",
          "lazy_load_members",
          "include_redundant_members",
          "org.matrix.labels",
          "org.matrix.not_labels",
          "related_by_senders",
          "related_by_rel_types");

  /**
   * Synapse 1.67.0 {@code synapse/api/filtering.py}: every level of {@code USER_FILTER_SCHEMA} has
   * {@code "additionalProperties": False}; {@code check_valid_filter} turns a schema violation into
   * {@code SynapseError(400, str(e))} (errcode M_UNKNOWN), for uploaded and inline filters alike
   * ({@code rest/client/filter.py}, {@code rest/client/sync.py}). Notably {@code
   * unread_thread_notifications} (spec v1.4) is refused.
   */
  public static final FilterSchema SYNAPSE_1_67 =
      new FilterSchema(true, TOP, EVENT_FILTER, ROOM_FILTER, ROOM_EVENT_FILTER_1_67);

  /**
   * Spec v1.12 "Filtering", as Synapse v1.157.1 {@code api/filtering.py} checks it: the room event
   * filter allows additional properties for forward compatibility and knows {@code
   * unread_thread_notifications}.
   */
  public static final FilterSchema FORWARD_COMPATIBLE =
      new FilterSchema(
          false,
          TOP,
          EVENT_FILTER,
          ROOM_FILTER,
          union(ROOM_EVENT_FILTER_1_67, Set.of("unread_thread_notifications")));

  public FilterSchema {
    top = Set.copyOf(top);
    eventFilter = Set.copyOf(eventFilter);
    roomFilter = Set.copyOf(roomFilter);
    roomEventFilter = Set.copyOf(roomEventFilter);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    var out = new java.util.HashSet<>(a);
    out.addAll(b);
    return out;
  }

  /** Throws the server's refusal if {@code filter} breaks this schema. */
  void check(JsonNode filter) {
    if (!filter.isObject()) {
      throw refusal("the filter is not a JSON object");
    }
    fields(filter, top, "").ifPresent(FilterSchema::fail);
    for (String level : new String[] {"presence", "account_data"}) {
      fields(filter.path(level), eventFilter, level + ".").ifPresent(FilterSchema::fail);
    }
    JsonNode room = filter.path("room");
    fields(room, roomFilter, "room.").ifPresent(FilterSchema::fail);
    for (String level : new String[] {"state", "timeline", "ephemeral", "account_data"}) {
      fields(room.path(level), roomEventFilter, "room." + level + ".")
          .ifPresent(FilterSchema::fail);
      JsonNode limit = room.path(level).path("limit");
      if (!limit.isMissingNode() && !limit.isNumber()) {
        fail("room." + level + ".limit is not a number");
      }
    }
  }

  private Optional<String> fields(JsonNode node, Set<String> allowed, String where) {
    if (node.isMissingNode()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.of(where + " is not an object");
    }
    if (!strict) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String field = entry.getKey();
      if (!allowed.contains(field)) {
        return Optional.of(
            "Additional properties are not allowed ('" + where + field + "' was unexpected)");
      }
    }
    return Optional.empty();
  }

  private static void fail(String why) {
    throw refusal(why);
  }

  private static MatrixError refusal(String why) {
    return MatrixError.badRequest("M_UNKNOWN", why);
  }
}
