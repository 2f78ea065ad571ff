package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * End-to-end key material the server relays: device keys, one-time and fallback keys, cross-signing
 * keys with uploaded signatures, and a log of whose keys changed at which stream position.
 */
final class KeyStore {
  private record Change(long position, String userId) {}

  private static final class Fallback {
    final String keyId;
    final JsonNode key;
    boolean used;

    Fallback(String keyId, JsonNode key) {
      this.keyId = keyId;
      this.key = key;
    }
  }

  private final ServerState state;
  private final Map<String, Map<String, ObjectNode>> deviceKeys = new HashMap<>();
  private final Map<String, Map<String, JsonNode>> oneTimeKeys = new HashMap<>();
  private final Map<String, Map<String, Fallback>> fallbackKeys = new HashMap<>();
  private final Map<String, Map<String, ObjectNode>> crossSigning = new HashMap<>();
  private final List<Change> changes = new ArrayList<>();

  KeyStore(ServerState state) {
    this.state = state;
  }

  private static String slot(String userId, String deviceId) {
    return userId + "|" + deviceId;
  }

  void deviceChanged(String userId) {
    changes.add(new Change(state.nextPosition(), userId));
  }

  void deviceDeleted(String userId, String deviceId) {
    Map<String, ObjectNode> own = deviceKeys.get(userId);
    if (own != null) {
      own.remove(deviceId);
    }
    oneTimeKeys.remove(slot(userId, deviceId));
    fallbackKeys.remove(slot(userId, deviceId));
    deviceChanged(userId);
  }

  /** Users whose keys changed after {@code since}. */
  Set<String> changedSince(long since) {
    Set<String> out = new LinkedHashSet<>();
    for (Change change : changes) {
      if (change.position() > since) {
        out.add(change.userId());
      }
    }
    return out;
  }

  void uploadDeviceKeys(String userId, String deviceId, ObjectNode keys) {
    if (!Json.str(keys, "user_id").equals(userId)
        || !Json.str(keys, "device_id").equals(deviceId)) {
      throw MatrixError.badRequest(
          "M_INVALID_PARAM", "device_keys must name the uploading user and device.");
    }
    Map<String, ObjectNode> own = deviceKeys.computeIfAbsent(userId, k -> new LinkedHashMap<>());
    if (!keys.equals(own.get(deviceId))) {
      own.put(deviceId, keys.deepCopy());
      deviceChanged(userId);
    }
  }

  /**
   * Stores one-time keys as Synapse does ({@code E2eKeysHandler._upload_one_time_keys_for_user} and
   * {@code _one_time_keys_match} in synapse/handlers/e2e_keys.py, v1.67.0): a key id the server
   * still holds may come again with the same key (a retry; its signatures may differ), but a
   * different key under it refuses the whole upload with 400 before anything is stored. An id no
   * longer held (never uploaded, or claimed since) is stored as new.
   */
  void uploadOneTimeKeys(String userId, String deviceId, JsonNode keys) {
    Map<String, JsonNode> own =
        oneTimeKeys.computeIfAbsent(slot(userId, deviceId), k -> new LinkedHashMap<>());
    for (Map.Entry<String, JsonNode> entry : keys.properties()) {
      JsonNode held = own.get(entry.getKey());
      if (held != null && !withoutSignatures(held).equals(withoutSignatures(entry.getValue()))) {
        throw MatrixError.badRequest(
            "M_UNKNOWN",
            "One-time key " + entry.getKey() + " is already here with a different key.");
      }
    }
    for (Map.Entry<String, JsonNode> entry : keys.properties()) {
      own.putIfAbsent(entry.getKey(), entry.getValue().deepCopy());
    }
  }

  private static JsonNode withoutSignatures(JsonNode key) {
    if (!(key instanceof ObjectNode object)) {
      return key;
    }
    ObjectNode copy = object.deepCopy();
    copy.remove("signatures");
    return copy;
  }

  void uploadFallbackKeys(String userId, String deviceId, JsonNode keys) {
    Map<String, Fallback> own =
        fallbackKeys.computeIfAbsent(slot(userId, deviceId), k -> new HashMap<>());
    for (Map.Entry<String, JsonNode> entry : keys.properties()) {
      String algorithm = algorithm(entry.getKey());
      own.put(algorithm, new Fallback(entry.getKey(), entry.getValue().deepCopy()));
    }
    state.nextPosition();
  }

  private static String algorithm(String keyId) {
    int colon = keyId.indexOf(':');
    return colon < 0 ? keyId : keyId.substring(0, colon);
  }

  ObjectNode oneTimeKeyCounts(String userId, String deviceId) {
    ObjectNode counts = Json.object();
    counts.put("signed_curve25519", 0);
    for (String keyId : oneTimeKeys.getOrDefault(slot(userId, deviceId), Map.of()).keySet()) {
      String algorithm = algorithm(keyId);
      counts.put(algorithm, counts.path(algorithm).asInt(0) + 1);
    }
    return counts;
  }

  List<String> unusedFallbackTypes(String userId, String deviceId) {
    List<String> out = new ArrayList<>();
    fallbackKeys
        .getOrDefault(slot(userId, deviceId), Map.of())
        .forEach((algorithm, key) -> {
          if (!key.used) {
            out.add(algorithm);
          }
        });
    return out;
  }

  /** Claims one key of the algorithm: a one-time key if any is left, else the fallback key. */
  Optional<Map.Entry<String, JsonNode>> claim(String userId, String deviceId, String algorithm) {
    Map<String, JsonNode> own = oneTimeKeys.getOrDefault(slot(userId, deviceId), Map.of());
    for (String keyId : own.keySet()) {
      if (algorithm(keyId).equals(algorithm)) {
        JsonNode key = own.remove(keyId);
        state.nextPosition();
        return Optional.of(Map.entry(keyId, key));
      }
    }
    Fallback fallback = fallbackKeys.getOrDefault(slot(userId, deviceId), Map.of()).get(algorithm);
    if (fallback == null) {
      return Optional.empty();
    }
    fallback.used = true;
    return Optional.of(Map.entry(fallback.keyId, fallback.key));
  }

  Map<String, ObjectNode> deviceKeys(String userId) {
    return deviceKeys.getOrDefault(userId, Map.of());
  }

  Optional<ObjectNode> crossSigningKey(String userId, String usage) {
    return Optional.ofNullable(crossSigning.getOrDefault(userId, Map.of()).get(usage));
  }

  void uploadCrossSigning(String userId, String usage, ObjectNode key) {
    if (!Json.str(key, "user_id").equals(userId)) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "A cross-signing key must name its owner.");
    }
    crossSigning.computeIfAbsent(userId, k -> new HashMap<>()).put(usage, key.deepCopy());
    deviceChanged(userId);
  }

  /**
   * Merges signatures uploaded for one key of {@code userId}: {@code keyId} is a device id or a
   * cross-signing public key. Returns false when no such key exists.
   */
  boolean addSignatures(String userId, String keyId, JsonNode signed) {
    Optional<ObjectNode> target = Optional.ofNullable(deviceKeys(userId).get(keyId));
    if (target.isEmpty()) {
      target =
          crossSigning.getOrDefault(userId, Map.of()).values().stream()
              .filter(k -> k.path("keys").has("ed25519:" + keyId))
              .findFirst();
    }
    if (target.isEmpty()) {
      return false;
    }
    ObjectNode signatures = target.get().withObjectProperty("signatures");
    for (Map.Entry<String, JsonNode> bySigner : signed.path("signatures").properties()) {
      ObjectNode mine = signatures.withObjectProperty(bySigner.getKey());
      for (Map.Entry<String, JsonNode> sig : bySigner.getValue().properties()) {
        mine.set(sig.getKey(), sig.getValue());
      }
    }
    deviceChanged(userId);
    return true;
  }
}
