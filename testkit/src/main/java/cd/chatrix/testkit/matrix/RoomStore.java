package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** All rooms, aliases and events, with the event index and the relations index. */
final class RoomStore {
  private final ServerState state;
  private final Map<String, Room> rooms = new LinkedHashMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<String, RoomEvent> byId = new HashMap<>();
  private final Map<String, List<RoomEvent>> children = new HashMap<>();

  RoomStore(ServerState state) {
    this.state = state;
  }

  Room create() {
    Room room = new Room("!" + ServerState.randomId(18) + ":" + state.serverName);
    rooms.put(room.roomId, room);
    return room;
  }

  Room room(String roomId) {
    Room room = rooms.get(roomId);
    if (room == null) {
      throw MatrixError.notFound("There is no room " + roomId + " on this server.");
    }
    return room;
  }

  Optional<Room> find(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  /** The room, provided the user is joined to it; otherwise 403 as the spec asks. */
  Room joined(String roomId, String userId) {
    Room room = rooms.get(roomId);
    if (room == null || !room.membership(userId).equals("join")) {
      throw MatrixError.forbidden(userId + " is not in room " + roomId + ".");
    }
    return room;
  }

  /** Rooms where the user has ever had a membership event, in creation order. */
  List<Room> roomsOf(String userId) {
    List<Room> out = new ArrayList<>();
    for (Room room : rooms.values()) {
      if (room.state("m.room.member", userId).isPresent()) {
        out.add(room);
      }
    }
    return out;
  }

  boolean shareRoom(String a, String b) {
    for (Room room : rooms.values()) {
      if (room.membership(a).equals("join") && room.membership(b).equals("join")) {
        return true;
      }
    }
    return false;
  }

  void alias(String alias, String roomId) {
    if (aliases.putIfAbsent(alias, roomId) != null) {
      throw badRequestAliasTaken(alias);
    }
  }

  private static MatrixError badRequestAliasTaken(String alias) {
    return MatrixError.badRequest("M_ROOM_IN_USE", "The alias " + alias + " is already taken.");
  }

  void removeAlias(String alias) {
    aliases.remove(alias);
  }

  Optional<String> resolveAlias(String alias) {
    return Optional.ofNullable(aliases.get(alias));
  }

  Optional<RoomEvent> event(String eventId) {
    return Optional.ofNullable(byId.get(eventId));
  }

  List<RoomEvent> children(String parentId) {
    return children.getOrDefault(parentId, List.of()).stream().filter(e -> !e.redacted()).toList();
  }

  /** Persists an event at the next stream position; checks the size limit first. */
  RoomEvent append(
      Room room,
      String type,
      String sender,
      String stateKey,
      ObjectNode content,
      Optional<Session> origin,
      Optional<String> txnId) {
    Optional<ObjectNode> prev =
        stateKey == null
            ? Optional.empty()
            : room.state(type, stateKey).map(e -> e.content().deepCopy());
    java.util.function.BiFunction<Long, String, RoomEvent> at =
        (position, id) ->
            new RoomEvent(
                position,
                id,
                room.roomId,
                type,
                sender,
                stateKey,
                content,
                prev,
                txnId,
                origin.map(Session::deviceId));
    // Sized before it takes a position and an id, so a refused event leaves no gap behind.
    RoomEvent probe = at.apply(0L, "$probe");
    if (probe.sizeInBytes(state.maxEventSize()) > state.maxEventSize()) {
      throw new MatrixError(
          413, "M_TOO_LARGE", "The event is larger than " + state.maxEventSize() + " bytes.");
    }
    RoomEvent event = at.apply(state.nextPosition(), "$" + ServerState.randomId(43));
    room.add(event);
    byId.put(event.eventId, event);
    event
        .relation()
        .ifPresent(r -> children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(event));
    return event;
  }
}
