package cd.chatrix.testkit.matrix;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typing notifications and read receipts: room-scoped ephemeral data delivered in a joined room's
 * {@code ephemeral} section. Each change takes a stream position so long-polls wake for it.
 */
final class EphemeralStore {
  private record Receipt(long position, String eventId, long timestamp) {}

  private record ReceiptKey(String userId, String type, String threadId) {}

  private final ServerState state;
  private final Map<String, Map<String, Long>> typingUntil = new HashMap<>();
  private final Map<String, Long> typingPosition = new HashMap<>();
  private final Map<String, Map<ReceiptKey, Receipt>> receipts = new HashMap<>();

  EphemeralStore(ServerState state) {
    this.state = state;
  }

  void typing(String roomId, String userId, boolean typing, long timeoutMs) {
    Map<String, Long> room = typingUntil.computeIfAbsent(roomId, k -> new LinkedHashMap<>());
    if (typing) {
      room.put(userId, System.currentTimeMillis() + Math.max(0, timeoutMs));
    } else {
      room.remove(userId);
    }
    typingPosition.put(roomId, state.nextPosition());
  }

  void receipt(String roomId, String userId, String type, String eventId, String threadId) {
    receipts
        .computeIfAbsent(roomId, k -> new LinkedHashMap<>())
        .put(
            new ReceiptKey(userId, type, threadId),
            new Receipt(state.nextPosition(), eventId, System.currentTimeMillis()));
  }

  /** The room's ephemeral events newer than {@code since} (everything when {@code since} is 0). */
  ArrayNode events(String roomId, String viewer, long since) {
    ArrayNode out = Json.array();
    if (typingPosition.getOrDefault(roomId, 0L) > since) {
      ObjectNode typing = out.addObject().put("type", "m.typing");
      ArrayNode ids = typing.putObject("content").putArray("user_ids");
      long now = System.currentTimeMillis();
      typingUntil
          .getOrDefault(roomId, Map.of())
          .forEach((user, until) -> {
            if (until > now) {
              ids.add(user);
            }
          });
    }
    ObjectNode content = Json.object();
    receipts
        .getOrDefault(roomId, Map.of())
        .forEach((key, receipt) -> {
          boolean visible = !key.type().equals("m.read.private") || key.userId().equals(viewer);
          if (receipt.position() > since && visible) {
            ObjectNode entry =
                content
                    .withObjectProperty(receipt.eventId())
                    .withObjectProperty(key.type())
                    .putObject(key.userId());
            entry.put("ts", receipt.timestamp());
            if (!key.threadId().isEmpty()) {
              entry.put("thread_id", key.threadId());
            }
          }
        });
    if (!content.isEmpty()) {
      out.addObject().put("type", "m.receipt").set("content", content);
    }
    return out;
  }
}
