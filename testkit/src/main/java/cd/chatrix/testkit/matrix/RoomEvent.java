package cd.chatrix.testkit.matrix;

import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One persisted room event. Only a redaction changes it afterwards: the content is pruned to the
 * keys the spec's redaction algorithm keeps and the redaction event is remembered for unsigned.
 */
final class RoomEvent {
  final long position;
  final String eventId;
  final String roomId;
  final String type;
  final String sender;
  final String stateKey;
  final long timestamp;
  final Optional<ObjectNode> prevContent;
  final Optional<String> txnId;
  final Optional<String> txnDevice;
  private ObjectNode content;
  private Optional<RoomEvent> redactedBy = Optional.empty();

  RoomEvent(
      long position,
      String eventId,
      String roomId,
      String type,
      String sender,
      String stateKey,
      ObjectNode content,
      Optional<ObjectNode> prevContent,
      Optional<String> txnId,
      Optional<String> txnDevice) {
    this.position = position;
    this.eventId = eventId;
    this.roomId = roomId;
    this.type = type;
    this.sender = sender;
    this.stateKey = stateKey;
    this.content = content;
    this.timestamp = System.currentTimeMillis();
    this.prevContent = prevContent;
    this.txnId = txnId;
    this.txnDevice = txnDevice;
  }

  boolean isState() {
    return stateKey != null;
  }

  ObjectNode content() {
    return content;
  }

  String contentString(String field) {
    return Json.str(content, field);
  }

  /** The relation this event declares in {@code m.relates_to}, if any (and not redacted). */
  Optional<Relation> relation() {
    JsonNode relates = content.get("m.relates_to");
    if (relates == null || !relates.isObject()) {
      return Optional.empty();
    }
    String relType = Json.str(relates, "rel_type");
    String parent = Json.str(relates, "event_id");
    if (relType.isEmpty() || parent.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Relation(relType, parent, Json.str(relates, "key")));
  }

  record Relation(String relType, String parentId, String key) {}

  boolean redacted() {
    return redactedBy.isPresent();
  }

  void redact(RoomEvent redaction) {
    redactedBy = Optional.of(redaction);
    Set<String> keep =
        switch (type) {
          case "m.room.member" -> Set.of("membership", "join_authorised_via_users_server");
          case "m.room.join_rules" -> Set.of("join_rule", "allow");
          case "m.room.history_visibility" -> Set.of("history_visibility");
          case "m.room.redaction" -> Set.of("redacts");
          case "m.room.power_levels" ->
              Set.of(
                  "ban",
                  "events",
                  "events_default",
                  "invite",
                  "kick",
                  "redact",
                  "state_default",
                  "users",
                  "users_default");
          default -> Set.of();
        };
    ObjectNode pruned = Json.object();
    if (type.equals("m.room.create")) {
      pruned = content;
    } else {
      for (String key : keep) {
        if (content.has(key)) {
          pruned.set(key, content.get(key));
        }
      }
    }
    content = pruned;
  }

  /** The client format of this event as {@code viewer}'s device sees it. */
  ObjectNode toJson(Optional<Session> viewer, boolean withRoomId) {
    ObjectNode out = Json.object();
    out.put("type", type);
    out.put("event_id", eventId);
    out.put("sender", sender);
    out.put("origin_server_ts", timestamp);
    if (withRoomId) {
      out.put("room_id", roomId);
    }
    if (stateKey != null) {
      out.put("state_key", stateKey);
    }
    // Shared, not copied: responses are serialized at once and stored content is only ever
    // replaced (by a redaction), never changed in place.
    out.set("content", content);
    ObjectNode unsigned = out.putObject("unsigned");
    unsigned.put("age", Math.max(0, System.currentTimeMillis() - timestamp));
    prevContent.ifPresent(prev -> unsigned.set("prev_content", prev));
    if (txnId.isPresent()
        && viewer.isPresent()
        && viewer.get().userId().equals(sender)
        && txnDevice.orElse("").equals(viewer.get().deviceId())) {
      unsigned.put("transaction_id", txnId.get());
    }
    redactedBy.ifPresent(r -> unsigned.set("redacted_because", r.toJson(Optional.empty(), true)));
    if (type.equals("m.room.redaction")) {
      String redacts = Json.str(content, "redacts");
      if (!redacts.isEmpty()) {
        out.put("redacts", redacts);
      }
    }
    return out;
  }

  /** The stripped form used in invite_state. */
  ObjectNode stripped() {
    ObjectNode out = Json.object();
    out.put("type", type);
    out.put("state_key", stateKey == null ? "" : stateKey);
    out.put("sender", sender);
    // Shared, not copied: responses are serialized at once and stored content is only ever
    // replaced (by a redaction), never changed in place.
    out.set("content", content);
    return out;
  }

  /** The serialized size; cheap for typical events, exact when it could matter. */
  int sizeInBytes(int limit) {
    int estimate = Json.bytes(content).length + 512;
    return estimate < limit / 2 ? estimate : Json.bytes(toJson(Optional.empty(), true)).length;
  }
}
