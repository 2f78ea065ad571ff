package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.SecretBox;
import cd.chatrix.crypto.engine.SigningKey;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our own cross-signing identity: creates the master, self-signing and user-signing keys, uploads
 * them, signs this device with the self-signing key, and signs other users' master keys with the
 * user-signing key once they are verified. Private seeds are sealed with the pickle key.
 */
final class CrossSigning {
  private static final String SELF_SIGNING_PUB = "xsign_own_self_signing";
  private static final String SEED_PREFIX = "xsign_seed_";

  private final MachineContext ctx;
  private final KeyUpload keyUpload;

  CrossSigning(MachineContext ctx, KeyUpload keyUpload) {
    this.ctx = ctx;
    this.keyUpload = keyUpload;
  }

  Optional<String> masterKey() {
    return ctx.store.value(CrossSigningTrust.OWN_MASTER);
  }

  /**
   * Creates the identity if there is none and queues its upload; the device signature follows once
   * the upload is acknowledged. Returns the master public key.
   */
  String bootstrap() {
    Optional<String> existing = masterKey();
    if (existing.isPresent()) {
      return existing.get();
    }
    try (SigningKey master = ctx.engine.newSigningKey();
        SigningKey selfSigning = ctx.engine.newSigningKey();
        SigningKey userSigning = ctx.engine.newSigningKey()) {
      ObjectNode masterJson = keyJson(master.publicKey(), "master");
      ctx.sign(masterJson);
      ObjectNode sskJson = keyJson(selfSigning.publicKey(), "self_signing");
      signWith(sskJson, master);
      ObjectNode uskJson = keyJson(userSigning.publicKey(), "user_signing");
      signWith(uskJson, master);

      saveSeed("master", master);
      saveSeed("self_signing", selfSigning);
      saveSeed("user_signing", userSigning);
      ctx.store.saveValue(CrossSigningTrust.OWN_MASTER, master.publicKey());
      ctx.store.saveValue(SELF_SIGNING_PUB, selfSigning.publicKey());
      ctx.store.saveValue(CrossSigningTrust.OWN_USER_SIGNING, userSigning.publicKey());

      ObjectNode body = CanonicalJson.object();
      body.set("master_key", masterJson);
      body.set("self_signing_key", sskJson);
      body.set("user_signing_key", uskJson);
      ctx.requests.add(new OutgoingRequest.SigningKeysUpload(RequestQueue.newId(), body));
      return master.publicKey();
    }
  }

  /** The identity is on the server: vouch for this device with the self-signing key. */
  void onSigningKeysUploaded() {
    ObjectNode device = keyUpload.deviceKeys();
    device.remove("signatures");
    try (SigningKey ssk = loadSeed("self_signing")) {
      signWith(device, ssk);
    }
    ObjectNode body = CanonicalJson.object();
    body.putObject(ctx.userId).set(ctx.deviceId, device);
    ctx.requests.add(new OutgoingRequest.SignatureUpload(RequestQueue.newId(), body));
  }

  /**
   * Signs another user's master key (as seen in our last query) with our user-signing key, after
   * that user was verified. Returns false when we have no identity or do not know theirs.
   */
  boolean signUser(String userId, JsonNode theirMasterKey) {
    if (masterKey().isEmpty() || !userId.equals(theirMasterKey.path("user_id").asString(""))) {
      return false;
    }
    ObjectNode copy = (ObjectNode) theirMasterKey.deepCopy();
    copy.remove("signatures");
    copy.remove("unsigned");
    String keyId = copy.path("keys").propertyNames().iterator().next();
    try (SigningKey usk = loadSeed("user_signing")) {
      signWith(copy, usk);
    }
    ObjectNode body = CanonicalJson.object();
    body.putObject(userId).set(keyId.substring("ed25519:".length()), copy);
    ctx.requests.add(new OutgoingRequest.SignatureUpload(RequestQueue.newId(), body));
    return true;
  }

  private ObjectNode keyJson(String publicKey, String usage) {
    ObjectNode n = CanonicalJson.object();
    n.put("user_id", ctx.userId);
    n.putArray("usage").add(usage);
    n.putObject("keys").put("ed25519:" + publicKey, publicKey);
    return n;
  }

  private void signWith(ObjectNode node, SigningKey key) {
    String sig = key.sign(CanonicalJson.signable(node));
    CanonicalJson.addSignature(node, ctx.userId, "ed25519:" + key.publicKey(), sig);
  }

  private void saveSeed(String name, SigningKey key) {
    byte[] seed = key.seed();
    try {
      ctx.store.saveValue(
          SEED_PREFIX + name,
          SecretBox.seal(seed, ctx.pickleKey, "cross-signing " + name + " key"));
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  private SigningKey loadSeed(String name) {
    String sealed =
        ctx.store
            .value(SEED_PREFIX + name)
            .orElseThrow(() ->
                new IllegalStateException(
                    "No cross-signing "
                        + name
                        + " key in the store; bootstrap cross-signing first."));
    byte[] seed = SecretBox.open(sealed, ctx.pickleKey, "cross-signing " + name + " key");
    try {
      return ctx.engine.signingKeyFromSeed(seed);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }
}
