package cd.chatrix.testkit.matrix;

import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing room state, with power-level checks on writes. */
final class StateEndpoints {
  private final ServerState state;

  StateEndpoints(ServerState state) {
    this.state = state;
  }

  void register(Router router) {
    router.get("client/rooms/{roomId}/state", this::all);
    router.get("client/rooms/{roomId}/state/{type}", c -> one(c, ""));
    router.get("client/rooms/{roomId}/state/{type}/{stateKey}", c -> one(c, c.param("stateKey")));
    router.put("client/rooms/{roomId}/state/{type}", c -> put(c, ""));
    router.put("client/rooms/{roomId}/state/{type}/{stateKey}", c -> put(c, c.param("stateKey")));
  }

  private Reply all(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    ArrayNode out = Json.array();
    room.currentState().forEach(e -> out.add(e.toJson(Optional.of(call.session()), true)));
    return Reply.json(out);
  }

  private Reply one(Call call, String stateKey) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    RoomEvent event =
        room.state(call.param("type"), stateKey)
            .orElseThrow(() -> MatrixError.notFound("The room has no such state event."));
    if (call.query("format").orElse("content").equals("event")) {
      return Reply.json(event.toJson(Optional.of(call.session()), true));
    }
    return Reply.json(event.content());
  }

  private Reply put(Call call, String stateKey) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    String type = call.param("type");
    ObjectNode content = call.json();
    if (type.equals("m.room.member")) {
      // Membership follows its own auth rules: here only a joined user's profile update fits.
      boolean ownProfile =
          stateKey.equals(call.userId()) && Json.str(content, "membership").equals("join");
      if (!ownProfile) {
        throw MatrixError.forbidden("Use join, leave, invite, kick or ban to change membership.");
      }
    } else if (room.userLevel(call.userId()) < room.eventLevel(type, true)) {
      throw MatrixError.forbidden("Your power level is too low to change " + type + ".");
    }
    if (type.equals("m.room.power_levels")) {
      checkLevels(room, call.userId(), content);
    }
    RoomEvent event =
        state.rooms.append(
            room,
            type,
            call.userId(),
            stateKey,
            content,
            Optional.of(call.session()),
            Optional.empty());
    return Reply.json(Json.object().put("event_id", event.eventId));
  }

  /** Nobody may hand out a level above their own, as the spec's authorization rules say. */
  private static void checkLevels(Room room, String userId, ObjectNode content) {
    int mine = room.userLevel(userId);
    content
        .path("users")
        .properties()
        .forEach(entry -> {
          int level = entry.getValue().asInt(0);
          boolean changed = room.userLevel(entry.getKey()) != level;
          if (changed && level > mine) {
            throw MatrixError.forbidden("You cannot grant a power level above your own.");
          }
        });
  }
}
