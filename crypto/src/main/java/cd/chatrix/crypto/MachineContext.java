package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import java.time.InstantSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The state every protocol operation shares: who we are, our account, the store, the queue. */
final class MachineContext {
  static final String OLM_ALGORITHM = "m.olm.v1.curve25519-aes-sha2";
  static final String MEGOLM_ALGORITHM = "m.megolm.v1.aes-sha2";
  static final String SIGNED_CURVE25519 = "signed_curve25519";

  final String userId;
  final String deviceId;
  final CryptoEngine engine;
  final CryptoStore store;
  final PickleKey pickleKey;
  final InstantSource clock;
  final RequestQueue requests;
  final OlmAccount account;

  MachineContext(
      String userId,
      String deviceId,
      CryptoEngine engine,
      CryptoStore store,
      PickleKey pickleKey,
      InstantSource clock) {
    this.userId = userId;
    this.deviceId = deviceId;
    this.engine = engine;
    this.store = store;
    this.pickleKey = pickleKey;
    this.clock = clock;
    this.requests = new RequestQueue(store);
    this.account =
        store
            .accountPickle()
            .map(p -> engine.unpickleAccount(p, pickleKey))
            .orElseGet(() -> {
              OlmAccount fresh = engine.newAccount();
              store.saveAccountPickle(fresh.pickle(pickleKey));
              return fresh;
            });
  }

  void saveAccount() {
    store.saveAccountPickle(account.pickle(pickleKey));
  }

  String curve25519() {
    return account.curve25519Key();
  }

  String ed25519() {
    return account.ed25519Key();
  }

  long now() {
    return clock.millis();
  }

  /** Signs {@code node} in place with this device's Ed25519 key. */
  void sign(ObjectNode node) {
    String signature = account.sign(CanonicalJson.signable(node));
    CanonicalJson.addSignature(node, userId, "ed25519:" + deviceId, signature);
  }

  /** Whether {@code node} carries a valid signature by {@code userId}'s key {@code keyId}. */
  boolean hasValidSignature(JsonNode node, String signer, String keyId, String ed25519Key) {
    JsonNode sig = node.path("signatures").path(signer).path(keyId);
    return sig.isString()
        && engine.verifyEd25519(ed25519Key, CanonicalJson.signable(node), sig.asString());
  }
}
