package cd.chatrix.testkit.matrix;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The end-to-end keys module: upload, query, claim, cross-signing keys and signatures. */
final class KeysEndpoints {
  private static final String[] CROSS_SIGNING = {"master", "self_signing", "user_signing"};

  private final ServerState state;

  KeysEndpoints(ServerState state) {
    this.state = state;
  }

  void register(Router router) {
    router.post("client/keys/upload", this::upload);
    router.post("client/keys/query", this::query);
    router.post("client/keys/claim", this::claim);
    router.post("client/keys/device_signing/upload", this::uploadCrossSigning);
    router.post("client/keys/signatures/upload", this::uploadSignatures);
  }

  private Reply upload(Call call) {
    Session me = call.session();
    ObjectNode body = call.json();
    if (body.get("device_keys") instanceof ObjectNode deviceKeys) {
      state.keys.uploadDeviceKeys(me.userId(), me.deviceId(), deviceKeys);
    }
    if (body.has("one_time_keys")) {
      state.keys.uploadOneTimeKeys(me.userId(), me.deviceId(), body.get("one_time_keys"));
    }
    for (String field : new String[] {"fallback_keys", "org.matrix.msc2732.fallback_keys"}) {
      if (body.has(field)) {
        state.keys.uploadFallbackKeys(me.userId(), me.deviceId(), body.get(field));
      }
    }
    ObjectNode out = Json.object();
    out.set("one_time_key_counts", state.keys.oneTimeKeyCounts(me.userId(), me.deviceId()));
    return Reply.json(out);
  }

  private Reply query(Call call) {
    ObjectNode out = Json.object();
    ObjectNode devices = out.putObject("device_keys");
    ObjectNode masters = out.putObject("master_keys");
    ObjectNode selfSigning = out.putObject("self_signing_keys");
    ObjectNode userSigning = out.putObject("user_signing_keys");
    out.putObject("failures");
    for (Map.Entry<String, JsonNode> requested : call.json().path("device_keys").properties()) {
      String userId = requested.getKey();
      ObjectNode perUser = devices.putObject(userId);
      Map<String, String> names = state.accounts.devices(userId);
      for (Map.Entry<String, ObjectNode> device : state.keys.deviceKeys(userId).entrySet()) {
        boolean wanted =
            requested.getValue().isEmpty() || streamContains(requested.getValue(), device.getKey());
        if (wanted) {
          ObjectNode keys = device.getValue().deepCopy();
          String name = names.getOrDefault(device.getKey(), "");
          if (!name.isEmpty()) {
            keys.putObject("unsigned").put("device_display_name", name);
          }
          perUser.set(device.getKey(), keys);
        }
      }
      state
          .keys
          .crossSigningKey(userId, "master")
          .ifPresent(k -> masters.set(userId, k.deepCopy()));
      state
          .keys
          .crossSigningKey(userId, "self_signing")
          .ifPresent(k -> selfSigning.set(userId, k.deepCopy()));
      if (userId.equals(call.userId())) {
        state
            .keys
            .crossSigningKey(userId, "user_signing")
            .ifPresent(k -> userSigning.set(userId, k.deepCopy()));
      }
    }
    return Reply.json(out);
  }

  private static boolean streamContains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (item.asString("").equals(value)) {
        return true;
      }
    }
    return false;
  }

  private Reply claim(Call call) {
    ObjectNode out = Json.object();
    ObjectNode claimed = out.putObject("one_time_keys");
    out.putObject("failures");
    for (Map.Entry<String, JsonNode> byUser : call.json().path("one_time_keys").properties()) {
      for (Map.Entry<String, JsonNode> byDevice : byUser.getValue().properties()) {
        Optional<Map.Entry<String, JsonNode>> key =
            state.keys.claim(byUser.getKey(), byDevice.getKey(), byDevice.getValue().asString(""));
        key.ifPresent(k ->
            claimed
                .withObjectProperty(byUser.getKey())
                .putObject(byDevice.getKey())
                .set(k.getKey(), k.getValue().deepCopy()));
      }
    }
    return Reply.json(out);
  }

  /**
   * The spec lets a client upload cross-signing keys freely while none exist, and repeat an
   * identical upload (a retry after a lost response); anything that would replace a stored key
   * needs the password (UIA).
   */
  private Reply uploadCrossSigning(Call call) {
    ObjectNode body = call.json();
    String userId = call.userId();
    boolean hasMaster = state.keys.crossSigningKey(userId, "master").isPresent();
    boolean changesSomething = false;
    for (String usage : CROSS_SIGNING) {
      JsonNode offered = body.get(usage + "_key");
      if (offered != null
          && !state.keys.crossSigningKey(userId, usage).map(offered::equals).orElse(false)) {
        changesSomething = true;
      }
    }
    if ((hasMaster && changesSomething) || state.dialect.crossSigningSetupNeedsUia()) {
      Uia.requirePassword(state, userId, body);
    }
    for (String usage : CROSS_SIGNING) {
      if (body.get(usage + "_key") instanceof ObjectNode key) {
        state.keys.uploadCrossSigning(userId, usage, key);
      }
    }
    return Reply.empty();
  }

  private Reply uploadSignatures(Call call) {
    ObjectNode out = Json.object();
    ObjectNode failures = out.putObject("failures");
    for (Map.Entry<String, JsonNode> byUser : call.json().properties()) {
      for (Map.Entry<String, JsonNode> byKey : byUser.getValue().properties()) {
        if (!state.keys.addSignatures(byUser.getKey(), byKey.getKey(), byKey.getValue())) {
          failures
              .withObjectProperty(byUser.getKey())
              .putObject(byKey.getKey())
              .put("errcode", "M_NOT_FOUND")
              .put("error", "No such device or cross-signing key.");
        }
      }
    }
    return Reply.json(out);
  }
}
