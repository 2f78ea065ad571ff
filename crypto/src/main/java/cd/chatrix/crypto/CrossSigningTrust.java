package cd.chatrix.crypto;

import cd.chatrix.crypto.store.Device;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads cross-signing identities from {@code /keys/query} and decides whether a device is vouched
 * for: its self-signing key signed the device, the master key signed that self-signing key, and we
 * trust the master key (it is our own, or our user-signing key signed it).
 */
final class CrossSigningTrust {
  static final String OWN_MASTER = "xsign_own_master";
  static final String OWN_USER_SIGNING = "xsign_own_user_signing";

  private final MachineContext ctx;

  CrossSigningTrust(MachineContext ctx) {
    this.ctx = ctx;
  }

  void onQueryResponse(JsonNode response) {
    JsonNode masters = response.path("master_keys");
    for (String user : masters.propertyNames()) {
      JsonNode master = masters.get(user);
      Optional<String> masterKey = singleKey(master, user, "master");
      JsonNode ssk = response.path("self_signing_keys").path(user);
      Optional<String> sskKey = singleKey(ssk, user, "self_signing");
      if (masterKey.isEmpty() || sskKey.isEmpty()) {
        continue;
      }
      if (!ctx.hasValidSignature(ssk, user, "ed25519:" + masterKey.get(), masterKey.get())) {
        continue;
      }
      ctx.store.saveValue(identityKey(user), masterKey.get() + "|" + sskKey.get());
      ctx.store.saveValue(masterJsonKey(user), CanonicalJson.encode(master));
      ctx.store
          .value(OWN_USER_SIGNING)
          .filter(usk -> ctx.hasValidSignature(master, ctx.userId, "ed25519:" + usk, usk))
          .ifPresent(usk -> ctx.store.saveValue(trustedKey(user), masterKey.get()));
    }
  }

  boolean isCrossSigned(Device d) {
    Optional<String> identity = ctx.store.value(identityKey(d.userId()));
    if (identity.isEmpty()) {
      return false;
    }
    String[] keys = identity.get().split("\\|");
    String master = keys[0];
    String ssk = keys[1];
    boolean masterTrusted =
        d.userId().equals(ctx.userId)
            ? ctx.store.value(OWN_MASTER).map(master::equals).orElse(false)
            : ctx.store.value(trustedKey(d.userId())).map(master::equals).orElse(false);
    return masterTrusted
        && ctx.hasValidSignature(
            CanonicalJson.parse(d.signedJson()), d.userId(), "ed25519:" + ssk, ssk);
  }

  /** Marks a user's current master key as trusted (after verifying that user out of band). */
  boolean trustIdentity(String userId) {
    Optional<String> identity = ctx.store.value(identityKey(userId));
    identity.ifPresent(i -> ctx.store.saveValue(trustedKey(userId), i.split("\\|")[0]));
    return identity.isPresent();
  }

  private static Optional<String> singleKey(JsonNode keyObject, String user, String usage) {
    if (!user.equals(keyObject.path("user_id").asString(""))) {
      return Optional.empty();
    }
    boolean hasUsage = false;
    for (JsonNode u : keyObject.path("usage")) {
      hasUsage |= usage.equals(u.asString());
    }
    JsonNode keys = keyObject.path("keys");
    if (!hasUsage || keys.size() != 1) {
      return Optional.empty();
    }
    return Optional.of(keys.properties().iterator().next().getValue().asString(""))
        .filter(k -> !k.isEmpty());
  }

  /** The user's master key object as last queried, for signing it with our user-signing key. */
  Optional<JsonNode> masterKeyJson(String user) {
    return ctx.store.value(masterJsonKey(user)).map(CanonicalJson::parse);
  }

  private static String masterJsonKey(String user) {
    return "xsign_master_json|" + user;
  }

  private static String identityKey(String user) {
    return "xsign|" + user;
  }

  private static String trustedKey(String user) {
    return "xsign_trusted|" + user;
  }
}
