package cd.chatrix.testkit.matrix;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Global and per-room account data, each entry stamped with the stream position it changed at. */
final class AccountDataStore {
  private record Entry(long position, JsonNode content) {}

  private final ServerState state;
  private final Map<String, Map<String, Entry>> data = new HashMap<>();

  AccountDataStore(ServerState state) {
    this.state = state;
  }

  private static String scope(String userId, String roomId) {
    return userId + "|" + roomId;
  }

  void put(String userId, String roomId, String type, JsonNode content) {
    data.computeIfAbsent(scope(userId, roomId), k -> new LinkedHashMap<>())
        .put(type, new Entry(state.nextPosition(), content.deepCopy()));
  }

  Optional<JsonNode> get(String userId, String roomId, String type) {
    Entry entry = data.getOrDefault(scope(userId, roomId), Map.of()).get(type);
    return entry == null ? Optional.empty() : Optional.of(entry.content());
  }

  /** Events changed after {@code since}; {@code roomId} empty for global account data. */
  ArrayNode since(String userId, String roomId, long since) {
    ArrayNode out = Json.array();
    data.getOrDefault(scope(userId, roomId), Map.of())
        .forEach((type, entry) -> {
          if (entry.position() > since) {
            ObjectNode event = out.addObject();
            event.put("type", type);
            event.set("content", entry.content().deepCopy());
          }
        });
    return out;
  }
}
