package cd.chatrix.testkit.matrix;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Device management and send-to-device messaging (idempotent per transaction id). */
final class DeviceEndpoints {
  private final ServerState state;

  DeviceEndpoints(ServerState state) {
    this.state = state;
  }

  void register(Router router) {
    router.get("client/devices", this::list);
    router.get("client/devices/{deviceId}", this::one);
    router.put("client/devices/{deviceId}", this::rename);
    router.delete("client/devices/{deviceId}", this::deleteOne);
    router.post("client/delete_devices", this::deleteMany);
    router.put("client/sendToDevice/{type}/{txnId}", this::sendToDevice);
  }

  private Reply list(Call call) {
    ArrayNode devices = Json.array();
    state
        .accounts
        .devices(call.userId())
        .forEach((id, name) -> devices.add(device(call.userId(), id, name)));
    return Reply.json(Json.object().set("devices", devices));
  }

  /** Every client connects over loopback, so that is the only address a device is seen from. */
  private ObjectNode device(String userId, String id, String name) {
    ObjectNode out = Json.object().put("device_id", id);
    if (name.isEmpty()) {
      out.putNull("display_name");
    } else {
      out.put("display_name", name);
    }
    long seen = state.accounts.lastSeen(userId, id);
    if (seen == 0) {
      out.putNull("last_seen_ip");
      out.putNull("last_seen_ts");
    } else {
      out.put("last_seen_ip", "127.0.0.1");
      out.put("last_seen_ts", seen);
    }
    return out;
  }

  private Reply one(Call call) {
    Map<String, String> devices = state.accounts.devices(call.userId());
    String id = call.param("deviceId");
    if (!devices.containsKey(id)) {
      throw MatrixError.notFound("You have no device " + id + ".");
    }
    return Reply.json(device(call.userId(), id, devices.get(id)));
  }

  private Reply rename(Call call) {
    Map<String, String> devices = state.accounts.devices(call.userId());
    String id = call.param("deviceId");
    if (!devices.containsKey(id)) {
      throw MatrixError.notFound("You have no device " + id + ".");
    }
    devices.put(id, Json.str(call.json(), "display_name"));
    return Reply.empty();
  }

  /** Deleting a device needs the password (UIA), as the spec asks. */
  private Reply deleteOne(Call call) {
    Uia.requirePassword(state, call.userId(), call.json());
    state.accounts.deleteDevice(call.userId(), call.param("deviceId"));
    return Reply.empty();
  }

  private Reply deleteMany(Call call) {
    ObjectNode body = call.json();
    Uia.requirePassword(state, call.userId(), body);
    for (JsonNode device : body.path("devices")) {
      state.accounts.deleteDevice(call.userId(), device.asString(""));
    }
    return Reply.empty();
  }

  private Reply sendToDevice(Call call) {
    Optional<JsonNode> earlier = state.txns.answer(call.session(), call.path());
    if (earlier.isPresent()) {
      return Reply.json(earlier.get());
    }
    JsonNode messages = call.json().path("messages");
    state.toDevice.send(call.userId(), call.param("type"), messages);
    ObjectNode answer = Json.object();
    state.txns.remember(call.session(), call.path(), answer, TxnStore.HTTP_CACHE);
    return Reply.json(answer);
  }
}
