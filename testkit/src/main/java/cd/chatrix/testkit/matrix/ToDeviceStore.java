package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-device inboxes. A message stays until the device syncs with a {@code since} at or past its
 * position, which is how the spec lets a client that lost a sync response see it again.
 */
final class ToDeviceStore {
  private record Pending(long position, ObjectNode event) {}

  private final ServerState state;
  private final Map<String, List<Pending>> inboxes = new HashMap<>();

  ToDeviceStore(ServerState state) {
    this.state = state;
  }

  void send(String sender, String type, JsonNode messages) {
    for (Map.Entry<String, JsonNode> byUser : messages.properties()) {
      String userId = byUser.getKey();
      for (Map.Entry<String, JsonNode> byDevice : byUser.getValue().properties()) {
        List<String> targets =
            byDevice.getKey().equals("*")
                ? List.copyOf(state.accounts.devices(userId).keySet())
                : List.of(byDevice.getKey());
        for (String deviceId : targets) {
          ObjectNode event = Json.object();
          event.put("type", type);
          event.put("sender", sender);
          event.set("content", byDevice.getValue().deepCopy());
          inboxes
              .computeIfAbsent(userId + "|" + deviceId, k -> new ArrayList<>())
              .add(new Pending(state.nextPosition(), event));
        }
      }
    }
  }

  /** Drops what the device acknowledged with {@code since} and returns what is still pending. */
  ArrayNode deliver(Session session, long since) {
    List<Pending> inbox =
        inboxes.computeIfAbsent(
            session.userId() + "|" + session.deviceId(), k -> new ArrayList<>());
    inbox.removeIf(p -> p.position() <= since);
    ArrayNode out = Json.array();
    inbox.forEach(p -> out.add(p.event().deepCopy()));
    return out;
  }
}
