package cd.chatrix.testkit.matrix;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The server-side key backup module ({@code /room_keys/version} and {@code /room_keys/keys}). */
final class KeyBackupEndpoints {
  private final ServerState state;

  KeyBackupEndpoints(ServerState state) {
    this.state = state;
  }

  void register(Router router) {
    router.post("client/room_keys/version", this::create);
    router.get("client/room_keys/version", c -> describe(latest(c)));
    router.get("client/room_keys/version/{version}", c -> describe(named(c, c.param("version"))));
    router.put("client/room_keys/version/{version}", this::update);
    router.delete("client/room_keys/version/{version}", this::deleteVersion);
    router.put("client/room_keys/keys", c -> putKeys(c, c.json().path("rooms"), "", ""));
    router.put(
        "client/room_keys/keys/{roomId}",
        c -> putKeys(c, Json.object().set(c.param("roomId"), c.json()), "", ""));
    router.put(
        "client/room_keys/keys/{roomId}/{sessionId}",
        c -> putKeys(c, Json.object(), c.param("roomId"), c.param("sessionId")));
    router.get("client/room_keys/keys", c -> getKeys(c, "", ""));
    router.get("client/room_keys/keys/{roomId}", c -> getKeys(c, c.param("roomId"), ""));
    router.get(
        "client/room_keys/keys/{roomId}/{sessionId}",
        c -> getKeys(c, c.param("roomId"), c.param("sessionId")));
    router.delete("client/room_keys/keys", c -> deleteKeys(c, "", ""));
    router.delete("client/room_keys/keys/{roomId}", c -> deleteKeys(c, c.param("roomId"), ""));
    router.delete(
        "client/room_keys/keys/{roomId}/{sessionId}",
        c -> deleteKeys(c, c.param("roomId"), c.param("sessionId")));
  }

  private Reply create(Call call) {
    ObjectNode body = call.json();
    String algorithm = Json.str(body, "algorithm");
    if (algorithm.isEmpty() || !body.has("auth_data")) {
      throw MatrixError.missingParam(algorithm.isEmpty() ? "algorithm" : "auth_data");
    }
    KeyBackupStore.Version version =
        state.keyBackup.create(call.userId(), algorithm, body.get("auth_data"));
    return Reply.json(Json.object().put("version", version.version));
  }

  private KeyBackupStore.Version latest(Call call) {
    return state
        .keyBackup
        .latest(call.userId())
        .orElseThrow(() -> MatrixError.notFound("No current backup version."));
  }

  private KeyBackupStore.Version named(Call call, String version) {
    return state
        .keyBackup
        .version(call.userId(), version)
        .orElseThrow(() -> MatrixError.notFound("Unknown backup version " + version + "."));
  }

  private static Reply describe(KeyBackupStore.Version version) {
    return Reply.json(KeyBackupStore.describe(version));
  }

  private Reply update(Call call) {
    KeyBackupStore.Version version = named(call, call.param("version"));
    ObjectNode body = call.json();
    if (!Json.str(body, "algorithm").equals(version.algorithm)) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "The algorithm of a backup cannot change.");
    }
    String claimed = Json.str(body, "version");
    if (!claimed.isEmpty() && !claimed.equals(version.version)) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "The body names another version.");
    }
    version.authData = body.path("auth_data").deepCopy();
    return Reply.empty();
  }

  private Reply deleteVersion(Call call) {
    if (!state.keyBackup.delete(call.userId(), call.param("version"))) {
      throw MatrixError.notFound("Unknown backup version.");
    }
    return Reply.empty();
  }

  /** Writes need the current version; an older one is refused with the current one named. */
  private KeyBackupStore.Version writable(Call call) {
    String requested = call.query("version").orElseThrow(() -> MatrixError.missingParam("version"));
    KeyBackupStore.Version current = latest(call);
    if (!current.version.equals(requested)) {
      throw new MatrixError(403, "M_WRONG_ROOM_KEYS_VERSION", "That backup version is not current.")
          .with("current_version", current.version);
    }
    return current;
  }

  private Reply putKeys(Call call, JsonNode rooms, String roomId, String sessionId) {
    KeyBackupStore.Version version = writable(call);
    if (!sessionId.isEmpty()) {
      KeyBackupStore.put(version, roomId, sessionId, call.json());
    }
    for (Map.Entry<String, JsonNode> room : rooms.properties()) {
      for (Map.Entry<String, JsonNode> session : room.getValue().path("sessions").properties()) {
        KeyBackupStore.put(version, room.getKey(), session.getKey(), session.getValue());
      }
    }
    return counts(version);
  }

  private static Reply counts(KeyBackupStore.Version version) {
    return Reply.json(
        Json.object().put("etag", Long.toString(version.etag)).put("count", version.count()));
  }

  private Reply getKeys(Call call, String roomId, String sessionId) {
    String requested = call.query("version").orElseThrow(() -> MatrixError.missingParam("version"));
    KeyBackupStore.Version version = named(call, requested);
    if (!sessionId.isEmpty()) {
      JsonNode key = version.rooms.getOrDefault(roomId, Map.of()).get(sessionId);
      if (key == null) {
        throw MatrixError.notFound("No backed-up key for that session.");
      }
      return Reply.json(key);
    }
    ObjectNode rooms = Json.object();
    version.rooms.forEach((id, sessions) -> {
      ObjectNode out = rooms.putObject(id).putObject("sessions");
      sessions.forEach(out::set);
    });
    if (!roomId.isEmpty()) {
      return Reply.json(
          rooms.has(roomId) ? rooms.get(roomId) : Json.object().set("sessions", Json.object()));
    }
    return Reply.json(Json.object().set("rooms", rooms));
  }

  private Reply deleteKeys(Call call, String roomId, String sessionId) {
    KeyBackupStore.Version version = writable(call);
    if (roomId.isEmpty()) {
      version.rooms.clear();
    } else if (sessionId.isEmpty()) {
      version.rooms.remove(roomId);
    } else {
      version.rooms.getOrDefault(roomId, new java.util.HashMap<>()).remove(sessionId);
    }
    version.etag++;
    return counts(version);
  }
}
