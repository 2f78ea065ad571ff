package cd.chatrix.testkit.matrix;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Room lifecycle and membership: createRoom, invite, join, leave, kick, ban, aliases, members. */
final class RoomEndpoints {
  private final ServerState state;
  private final Membership membership;

  RoomEndpoints(ServerState state) {
    this.state = state;
    this.membership = new Membership(state);
  }

  void register(Router router) {
    router.post("client/createRoom", this::createRoom);
    router.post("client/rooms/{roomId}/invite", this::invite);
    router.post("client/rooms/{roomId}/join", c -> join(c, c.param("roomId")));
    router.post("client/join/{roomIdOrAlias}", c -> join(c, c.param("roomIdOrAlias")));
    router.post("client/rooms/{roomId}/leave", this::leave);
    router.post("client/rooms/{roomId}/forget", c -> Reply.empty());
    router.post("client/rooms/{roomId}/kick", c -> moderate(c, "leave", "kick"));
    router.post("client/rooms/{roomId}/ban", c -> moderate(c, "ban", "ban"));
    router.post("client/rooms/{roomId}/unban", c -> moderate(c, "leave", "ban"));
    router.get("client/rooms/{roomId}/members", this::members);
    router.get("client/rooms/{roomId}/joined_members", this::joinedMembers);
    router.get("client/joined_rooms", this::joinedRooms);
    router.add("GET", "client/directory/room/{alias}", Router.Auth.NONE, this::resolveAlias);
    router.put("client/directory/room/{alias}", this::putAlias);
    router.delete("client/directory/room/{alias}", this::deleteAlias);
  }

  private Reply createRoom(Call call) {
    ObjectNode body = call.json();
    Session me = call.session();
    String preset = Json.str(body, "preset");
    if (preset.isEmpty()) {
      preset = Json.str(body, "visibility").equals("public") ? "public_chat" : "private_chat";
    }
    String alias = Json.str(body, "room_alias_name");
    String fullAlias = "#" + alias + ":" + state.serverName;
    if (!alias.isEmpty() && state.rooms.resolveAlias(fullAlias).isPresent()) {
      throw MatrixError.badRequest("M_ROOM_IN_USE", "The alias " + fullAlias + " is taken.");
    }
    String version = state.dialect.roomVersions().forNewRoom(Json.str(body, "room_version"));
    Room room = state.rooms.create();
    ObjectNode create = Json.copyObject(body.get("creation_content"));
    create.put("creator", me.userId());
    create.put("room_version", version);
    put(room, me, "m.room.create", create);
    membership.set(room, me, me.userId(), "join", Optional.empty());
    put(room, me, "m.room.power_levels", powerLevels(me.userId(), preset, body));
    if (!alias.isEmpty()) {
      state.rooms.alias(fullAlias, room.roomId);
      put(room, me, "m.room.canonical_alias", Json.object().put("alias", fullAlias));
    }
    String joinRule = preset.equals("public_chat") ? "public" : "invite";
    put(room, me, "m.room.join_rules", Json.object().put("join_rule", joinRule));
    put(room, me, "m.room.history_visibility", Json.object().put("history_visibility", "shared"));
    if (!preset.equals("public_chat")) {
      put(room, me, "m.room.guest_access", Json.object().put("guest_access", "can_join"));
    }
    for (JsonNode event : body.path("initial_state")) {
      state.rooms.append(
          room,
          Json.str(event, "type"),
          me.userId(),
          Json.str(event, "state_key"),
          Json.copyObject(event.get("content")),
          Optional.of(me),
          Optional.empty());
    }
    if (body.hasNonNull("name")) {
      put(room, me, "m.room.name", Json.object().put("name", Json.str(body, "name")));
    }
    if (body.hasNonNull("topic")) {
      put(room, me, "m.room.topic", Json.object().put("topic", Json.str(body, "topic")));
    }
    boolean direct = body.path("is_direct").asBoolean(false);
    for (JsonNode invitee : body.path("invite")) {
      membership.set(room, me, requireUser(invitee.asString()), "invite", Optional.empty(), direct);
    }
    return Reply.json(Json.object().put("room_id", room.roomId));
  }

  private static ObjectNode powerLevels(String creator, String preset, ObjectNode body) {
    ObjectNode levels = Json.object();
    ObjectNode users = levels.putObject("users");
    users.put(creator, 100);
    if (preset.equals("trusted_private_chat")) {
      body.path("invite").forEach(u -> users.put(u.asString(), 100));
    }
    levels.put("users_default", 0);
    ObjectNode events = levels.putObject("events");
    for (String type :
        new String[] {"m.room.name", "m.room.avatar", "m.room.canonical_alias", "m.room.topic"}) {
      events.put(type, 50);
    }
    for (String type :
        new String[] {
          "m.room.power_levels",
          "m.room.history_visibility",
          "m.room.encryption",
          "m.room.tombstone",
          "m.room.server_acl"
        }) {
      events.put(type, 100);
    }
    levels.put("events_default", 0);
    levels.put("state_default", 50);
    levels.put("ban", 50);
    levels.put("kick", 50);
    levels.put("redact", 50);
    levels.put("invite", 0);
    levels.putObject("notifications").put("room", 50);
    JsonNode override = body.get("power_level_content_override");
    if (override instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        levels.set(entry.getKey(), entry.getValue().deepCopy());
      }
    }
    return levels;
  }

  private void put(Room room, Session me, String type, ObjectNode content) {
    state.rooms.append(room, type, me.userId(), "", content, Optional.of(me), Optional.empty());
  }

  private String requireUser(String userId) {
    if (userId.endsWith(":" + state.serverName) && state.accounts.user(userId).isEmpty()) {
      throw MatrixError.notFound("There is no user " + userId + " on this server.");
    }
    return userId;
  }

  private Reply invite(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    String target = requireUser(Json.str(call.json(), "user_id"));
    if (room.userLevel(call.userId()) < room.actionLevel("invite", 0)) {
      throw MatrixError.forbidden("Your power level is too low to invite.");
    }
    switch (room.membership(target)) {
      case "join" -> throw MatrixError.forbidden(target + " is already in the room.");
      case "ban" -> throw MatrixError.forbidden(target + " is banned from the room.");
      case "invite" -> {
        return Reply.empty();
      }
      default ->
          membership.set(
              room, call.session(), target, "invite", Optional.of(Json.str(call.json(), "reason")));
    }
    return Reply.empty();
  }

  private Reply join(Call call, String roomIdOrAlias) {
    String roomId =
        roomIdOrAlias.startsWith("#")
            ? state
                .rooms
                .resolveAlias(roomIdOrAlias)
                .orElseThrow(() -> MatrixError.notFound("No room has the alias " + roomIdOrAlias))
            : roomIdOrAlias;
    Room room = state.rooms.room(roomId);
    String me = call.userId();
    String current = room.membership(me);
    if (current.equals("join")) {
      return Reply.json(Json.object().put("room_id", roomId));
    }
    if (current.equals("ban")) {
      throw MatrixError.forbidden("You are banned from this room.");
    }
    String rule =
        room.state("m.room.join_rules", "").map(e -> e.contentString("join_rule")).orElse("invite");
    if (!current.equals("invite") && !rule.equals("public")) {
      throw MatrixError.forbidden("You are not invited to this room.");
    }
    membership.set(room, call.session(), me, "join", Optional.empty());
    return Reply.json(Json.object().put("room_id", roomId));
  }

  private Reply leave(Call call) {
    Room room = state.rooms.room(call.param("roomId"));
    String current = room.membership(call.userId());
    String reason = Json.str(call.json(), "reason");
    if (current.equals("leave") && sameSelfLeave(room, call.userId(), reason)) {
      // Synapse (handlers/room_member.py, update_membership_locked, v1.67.0) answers a membership
      // change that repeats the current one from the same sender with the existing event: a
      // resent leave is a no-op, not an error.
      return Reply.empty();
    }
    if (!current.equals("join") && !current.equals("invite")) {
      throw MatrixError.forbidden("You are not in this room.");
    }
    membership.set(
        room, call.session(), call.userId(), "leave", Optional.of(Json.str(call.json(), "reason")));
    return Reply.empty();
  }

  private static boolean sameSelfLeave(Room room, String userId, String reason) {
    return room.state("m.room.member", userId)
        .filter(e -> e.sender.equals(userId))
        .map(e -> e.contentString("reason").equals(reason))
        .orElse(false);
  }

  private Reply moderate(Call call, String newMembership, String action) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    String target = Json.str(call.json(), "user_id");
    if (target.isEmpty()) {
      throw MatrixError.missingParam("user_id");
    }
    int mine = room.userLevel(call.userId());
    if (mine < room.actionLevel(action, 50) || mine <= room.userLevel(target)) {
      throw MatrixError.forbidden("Your power level is too low to " + action + " " + target + ".");
    }
    membership.set(
        room, call.session(), target, newMembership, Optional.of(Json.str(call.json(), "reason")));
    return Reply.empty();
  }

  private Reply members(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    Optional<String> only = call.query("membership");
    Optional<String> not = call.query("not_membership");
    ArrayNode chunk = Json.array();
    for (RoomEvent event : room.currentState()) {
      if (!event.type.equals("m.room.member")) {
        continue;
      }
      String value = event.contentString("membership");
      if (only.map(value::equals).orElse(true) && !not.map(value::equals).orElse(false)) {
        chunk.add(event.toJson(Optional.of(call.session()), true));
      }
    }
    return Reply.json(Json.object().set("chunk", chunk));
  }

  private Reply joinedMembers(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    ObjectNode joined = Json.object();
    for (String userId : room.members("join")) {
      RoomEvent event = room.state("m.room.member", userId).orElseThrow();
      ObjectNode entry = joined.putObject(userId);
      entry.put("display_name", event.contentString("displayname"));
      if (!event.contentString("avatar_url").isEmpty()) {
        entry.put("avatar_url", event.contentString("avatar_url"));
      }
    }
    return Reply.json(Json.object().set("joined", joined));
  }

  private Reply joinedRooms(Call call) {
    ArrayNode ids = Json.array();
    for (Room room : state.rooms.roomsOf(call.userId())) {
      if (room.membership(call.userId()).equals("join")) {
        ids.add(room.roomId);
      }
    }
    return Reply.json(Json.object().set("joined_rooms", ids));
  }

  private Reply resolveAlias(Call call) {
    String alias = call.param("alias");
    String roomId = roomOf(alias);
    ObjectNode out = Json.object().put("room_id", roomId);
    out.putArray("servers").add(state.serverName);
    return Reply.json(out);
  }

  private String roomOf(String alias) {
    return state
        .rooms
        .resolveAlias(alias)
        .orElseThrow(() -> MatrixError.notFound("Unknown alias " + alias));
  }

  /** Any member of the room may remove its alias; the test server keeps no alias owners. */
  private Reply deleteAlias(Call call) {
    String alias = call.param("alias");
    String roomId = roomOf(alias);
    state.rooms.joined(roomId, call.userId());
    state.rooms.removeAlias(alias);
    return Reply.empty();
  }

  private Reply putAlias(Call call) {
    String roomId = Json.str(call.json(), "room_id");
    state.rooms.joined(roomId, call.userId());
    state.rooms.alias(call.param("alias"), roomId);
    return Reply.empty();
  }
}
