package cd.chatrix.crypto;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes this device's identity keys once, and keeps signed one-time keys and a fallback key
 * topped up from the counts the server reports in {@code /sync}.
 */
final class KeyUpload {
  private static final String UPLOADED_FLAG = "device_keys_uploaded";

  private final MachineContext ctx;
  private int serverOneTimeKeyCount = -1;
  private boolean fallbackWanted;

  KeyUpload(MachineContext ctx) {
    this.ctx = ctx;
  }

  /** Half the account's capacity: enough for bursts of new sessions, leaving room to rotate. */
  int targetOneTimeKeys() {
    return ctx.account.maxOneTimeKeys() / 2;
  }

  void onSyncCounts(java.util.Map<String, Integer> counts, Optional<List<String>> unusedFallback) {
    serverOneTimeKeyCount = counts.getOrDefault(MachineContext.SIGNED_CURVE25519, 0);
    unusedFallback.ifPresent(
        types -> fallbackWanted = !types.contains(MachineContext.SIGNED_CURVE25519));
  }

  /** Adds a keys/upload request when something needs publishing and none is in flight. */
  void maybeQueue() {
    if (ctx.requests.hasPending(OutgoingRequest.KeysUpload.class)) {
      return;
    }
    boolean deviceKeysNeeded = ctx.store.value(UPLOADED_FLAG).isEmpty();
    if (deviceKeysNeeded) {
      // First upload: a full batch of one-time keys and a fallback key with the identity keys.
      fallbackWanted = true;
    }
    if (fallbackWanted && ctx.account.unpublishedFallbackKey().isEmpty()) {
      ctx.account.generateFallbackKey();
      ctx.saveAccount();
    }
    int known = deviceKeysNeeded ? 0 : serverOneTimeKeyCount;
    int unpublished = ctx.account.oneTimeKeys().size();
    if (known >= 0 && known + unpublished < targetOneTimeKeys()) {
      ctx.account.generateOneTimeKeys(targetOneTimeKeys() - known - unpublished);
      ctx.saveAccount();
    }
    boolean keysToPublish =
        !ctx.account.oneTimeKeys().isEmpty() || ctx.account.unpublishedFallbackKey().isPresent();
    if (!deviceKeysNeeded && !keysToPublish) {
      return;
    }
    ObjectNode body = CanonicalJson.object();
    if (deviceKeysNeeded) {
      body.set("device_keys", deviceKeys());
    }
    ObjectNode otks = body.putObject("one_time_keys");
    ctx.account
        .oneTimeKeys()
        .forEach((id, key) -> otks.set(signedKeyId(id), signedKey(key, false)));
    ObjectNode fallback = body.putObject("fallback_keys");
    ctx.account
        .unpublishedFallbackKey()
        .ifPresent(e -> fallback.set(signedKeyId(e.getKey()), signedKey(e.getValue(), true)));
    ctx.requests.add(new OutgoingRequest.KeysUpload(RequestQueue.newId(), body));
  }

  void onUploaded(OutgoingRequest.KeysUpload request, JsonNode response) {
    ctx.account.markKeysAsPublished();
    ctx.saveAccount();
    if (request.body().has("device_keys")) {
      ctx.store.saveValue(UPLOADED_FLAG, "true");
    }
    if (request.body().path("fallback_keys").size() > 0) {
      fallbackWanted = false;
    }
    JsonNode count = response.path("one_time_key_counts").path(MachineContext.SIGNED_CURVE25519);
    serverOneTimeKeyCount = count.isNumber() ? count.asInt() : serverOneTimeKeyCount;
  }

  /** Our signed device_keys object, as uploaded and as other devices will see it. */
  ObjectNode deviceKeys() {
    ObjectNode keys = CanonicalJson.object();
    keys.put("user_id", ctx.userId);
    keys.put("device_id", ctx.deviceId);
    keys.putArray("algorithms")
        .add(MachineContext.OLM_ALGORITHM)
        .add(MachineContext.MEGOLM_ALGORITHM);
    ObjectNode k = keys.putObject("keys");
    k.put("curve25519:" + ctx.deviceId, ctx.curve25519());
    k.put("ed25519:" + ctx.deviceId, ctx.ed25519());
    ctx.sign(keys);
    return keys;
  }

  private static String signedKeyId(String id) {
    return MachineContext.SIGNED_CURVE25519 + ":" + id;
  }

  private ObjectNode signedKey(String key, boolean fallback) {
    ObjectNode n = CanonicalJson.object();
    n.put("key", key);
    if (fallback) {
      n.put("fallback", true);
    }
    ctx.sign(n);
    return n;
  }
}
