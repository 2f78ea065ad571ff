package cd.chatrix.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Room-key deliveries not yet acknowledged, by request id, with their room. Kept in the store, so a
 * machine started on it (a standby taking over from a killed leader) still holds the room's
 * messages until the queued key is out, and still replaces the key if that delivery fails: the
 * outbound session already counts the recipients as served, and without this nobody would notice
 * that they never were.
 */
final class RoomKeyDeliveries {
  private static final String KEY = "room_key_deliveries";

  private final MachineContext ctx;
  private final Map<String, String> roomByRequest = new LinkedHashMap<>();

  RoomKeyDeliveries(MachineContext ctx) {
    this.ctx = ctx;
    ctx.store
        .value(KEY)
        .ifPresent(json ->
            CanonicalJson.parse(json)
                .properties()
                .forEach(e -> {
                  // A request no longer queued was acknowledged before the restart.
                  if (ctx.requests.contains(e.getKey())) {
                    roomByRequest.put(e.getKey(), e.getValue().asString());
                  }
                }));
  }

  /** Recorded before the request itself is queued, so no queued delivery is ever unknown here. */
  void add(String requestId, String roomId) {
    roomByRequest.put(requestId, roomId);
    save();
  }

  boolean waiting(String roomId) {
    return roomByRequest.containsValue(roomId);
  }

  /** The room of a delivery that ended (sent or failed), if it was one. */
  Optional<String> remove(String requestId) {
    Optional<String> room = Optional.ofNullable(roomByRequest.remove(requestId));
    room.ifPresent(r -> save());
    return room;
  }

  /** The room has a new session: deliveries of the old one no longer hold its messages. */
  void forgetRoom(String roomId) {
    if (roomByRequest.values().removeIf(roomId::equals)) {
      save();
    }
  }

  private void save() {
    ObjectNode json = CanonicalJson.object();
    roomByRequest.forEach(json::put);
    ctx.store.saveValue(KEY, CanonicalJson.encode(json));
  }
}
