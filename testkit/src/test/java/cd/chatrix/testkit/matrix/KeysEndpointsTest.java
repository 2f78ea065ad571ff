package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class KeysEndpointsTest {
  private static final String KEYS = "/_matrix/client/v3/keys/";

  private TestHomeserver hs;
  private TestUser alice;
  private TestUser bob;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("localhost", Dialect.CURRENT); // asserts the current spec
    alice = hs.registerUser("alice", "alice-pw");
    bob = hs.registerUser("bob", "bob-pw");
  }

  @AfterEach
  void stop() {
    hs.close();
  }

  private static ObjectNode object() {
    return RawHttp.JSON.createObjectNode();
  }

  private static void uploadKeys(TestUser user, int oneTimeKeys) {
    ObjectNode body = object();
    ObjectNode device = body.putObject("device_keys");
    device.put("user_id", user.userId()).put("device_id", user.deviceId());
    device.putArray("algorithms").add("m.olm.v1.curve25519-aes-sha2").add("m.megolm.v1.aes-sha2");
    device
        .putObject("keys")
        .put("curve25519:" + user.deviceId(), "curve-" + user.deviceId())
        .put("ed25519:" + user.deviceId(), "ed-" + user.deviceId());
    device
        .putObject("signatures")
        .putObject(user.userId())
        .put("ed25519:" + user.deviceId(), "selfsig");
    ObjectNode otks = body.putObject("one_time_keys");
    for (int i = 0; i < oneTimeKeys; i++) {
      otks.putObject("signed_curve25519:K" + i).put("key", "otk" + i);
    }
    body.putObject("fallback_keys")
        .putObject("signed_curve25519:FB")
        .put("key", "fallback")
        .put("fallback", true);
    JsonNode answer = user.call("POST", KEYS + "upload", body);
    assertThat(answer.path("one_time_key_counts").path("signed_curve25519").asInt())
        .isEqualTo(oneTimeKeys);
  }

  private static ObjectNode queryFor(String userId) {
    ObjectNode query = object();
    query.putObject("device_keys").putArray(userId);
    return query;
  }

  @Test
  void uploadedDeviceKeysAreServedByQueryWithDisplayName() {
    uploadKeys(bob, 1);
    JsonNode result = alice.call("POST", KEYS + "query", queryFor(bob.userId()));
    JsonNode device = result.path("device_keys").path(bob.userId()).path(bob.deviceId());
    assertThat(device.path("keys").path("curve25519:" + bob.deviceId()).asString())
        .isEqualTo("curve-" + bob.deviceId());
    assertThat(device.path("unsigned").path("device_display_name").asString())
        .isEqualTo("test user");
    assertThat(result.path("failures").isEmpty()).isTrue();
  }

  @Test
  void aOneTimeKeyIdComesAgainOnlyWithItsOwnKeyAsSynapseChecks() {
    uploadKeys(bob, 2);
    ObjectNode retry = object();
    retry
        .putObject("one_time_keys")
        .putObject("signed_curve25519:K0")
        .put("key", "otk0")
        .putObject("signatures")
        .putObject(bob.userId())
        .put("ed25519:" + bob.deviceId(), "another-signature");
    assertThat(bob.call("POST", KEYS + "upload", retry).path("one_time_key_counts"))
        .isEqualTo(object().put("signed_curve25519", 2));

    ObjectNode collision = object();
    ObjectNode keys = collision.putObject("one_time_keys");
    keys.putObject("signed_curve25519:NEW").put("key", "new");
    keys.putObject("signed_curve25519:K1").put("key", "not-otk1");
    assertThatThrownBy(() -> bob.call("POST", KEYS + "upload", collision))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(hs.oneTimeKeyCounts(bob.userId(), bob.deviceId()))
        .as("nothing of the refused upload is kept")
        .containsEntry("signed_curve25519", 2);

    ObjectNode claim = object();
    claim
        .putObject("one_time_keys")
        .putObject(bob.userId())
        .put(bob.deviceId(), "signed_curve25519");
    alice.call("POST", KEYS + "claim", claim);
    ObjectNode claimedAgain = object();
    claimedAgain.putObject("one_time_keys").putObject("signed_curve25519:K0").put("key", "other");
    bob.call("POST", KEYS + "upload", claimedAgain);
    assertThat(hs.oneTimeKeyCounts(bob.userId(), bob.deviceId()))
        .as("a claimed id is free again")
        .containsEntry("signed_curve25519", 2);
  }

  @Test
  void claimTakesOneTimeKeysThenFallsBackToTheFallbackKey() {
    uploadKeys(bob, 1);
    ObjectNode claim = object();
    claim
        .putObject("one_time_keys")
        .putObject(bob.userId())
        .put(bob.deviceId(), "signed_curve25519");
    JsonNode first = alice.call("POST", KEYS + "claim", claim);
    assertThat(
            first
                .path("one_time_keys")
                .path(bob.userId())
                .path(bob.deviceId())
                .has("signed_curve25519:K0"))
        .isTrue();
    JsonNode second = alice.call("POST", KEYS + "claim", claim);
    JsonNode fallback =
        second
            .path("one_time_keys")
            .path(bob.userId())
            .path(bob.deviceId())
            .path("signed_curve25519:FB");
    assertThat(fallback.path("key").asString()).isEqualTo("fallback");
    JsonNode sync = bob.syncOnce(java.time.Duration.ZERO);
    assertThat(sync.path("device_one_time_keys_count").path("signed_curve25519").asInt()).isZero();
    assertThat(sync.path("device_unused_fallback_key_types")).isEmpty();
  }

  private static ObjectNode crossSigningKey(String userId, String usage, String publicKey) {
    ObjectNode key = object();
    key.put("user_id", userId);
    key.putArray("usage").add(usage);
    key.putObject("keys").put("ed25519:" + publicKey, publicKey);
    return key;
  }

  @Test
  void crossSigningKeysNeedThePasswordOnlyWhenReplaced() {
    ObjectNode first = object();
    first.set("master_key", crossSigningKey(alice.userId(), "master", "MASTER1"));
    first.set("self_signing_key", crossSigningKey(alice.userId(), "self_signing", "SELF1"));
    first.set("user_signing_key", crossSigningKey(alice.userId(), "user_signing", "USER1"));
    alice.call("POST", KEYS + "device_signing/upload", first);
    alice.call("POST", KEYS + "device_signing/upload", first.deepCopy());

    ObjectNode newSelfSigning = RawHttp.JSON.createObjectNode();
    newSelfSigning.set(
        "self_signing_key", crossSigningKey(alice.userId(), "self_signing", "SELF2"));
    assertThatThrownBy(() -> alice.call("POST", KEYS + "device_signing/upload", newSelfSigning))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(401));

    ObjectNode replace = object();
    replace.set("master_key", crossSigningKey(alice.userId(), "master", "MASTER2"));
    assertThatThrownBy(() -> alice.call("POST", KEYS + "device_signing/upload", replace))
        .isInstanceOfSatisfying(
            MatrixCallException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.body().path("flows").get(0).path("stages").get(0).asString())
                  .isEqualTo("m.login.password");
            });
    ObjectNode auth = replace.putObject("auth");
    auth.put("type", "m.login.password").put("password", "alice-pw");
    auth.putObject("identifier").put("type", "m.id.user").put("user", alice.userId());
    alice.call("POST", KEYS + "device_signing/upload", replace);

    JsonNode byBob = bob.call("POST", KEYS + "query", queryFor(alice.userId()));
    assertThat(byBob.path("master_keys").path(alice.userId()).path("keys").has("ed25519:MASTER2"))
        .isTrue();
    assertThat(
            byBob.path("self_signing_keys").path(alice.userId()).path("keys").has("ed25519:SELF1"))
        .isTrue();
    assertThat(byBob.path("user_signing_keys").has(alice.userId()))
        .as("only the owner sees user-signing keys")
        .isFalse();
    JsonNode byAlice = alice.call("POST", KEYS + "query", queryFor(alice.userId()));
    assertThat(byAlice.path("user_signing_keys").has(alice.userId())).isTrue();
  }

  @Test
  void uploadedSignaturesAreMergedIntoDeviceKeys() {
    uploadKeys(alice, 0);
    ObjectNode signatures = object();
    ObjectNode signed = signatures.putObject(alice.userId()).putObject(alice.deviceId());
    signed.put("user_id", alice.userId()).put("device_id", alice.deviceId());
    signed.putObject("signatures").putObject(alice.userId()).put("ed25519:SELF1", "cross-sig");
    signatures.withObjectProperty(alice.userId()).putObject("NOSUCHDEVICE").putObject("signatures");
    JsonNode answer = alice.call("POST", KEYS + "signatures/upload", signatures);
    assertThat(answer.path("failures").path(alice.userId()).has("NOSUCHDEVICE")).isTrue();
    JsonNode device =
        bob.call("POST", KEYS + "query", queryFor(alice.userId()))
            .path("device_keys")
            .path(alice.userId())
            .path(alice.deviceId());
    JsonNode mine = device.path("signatures").path(alice.userId());
    assertThat(mine.path("ed25519:SELF1").asString()).isEqualTo("cross-sig");
    assertThat(mine.path("ed25519:" + alice.deviceId()).asString()).isEqualTo("selfsig");
  }

  @Test
  void deviceKeysForAnotherDeviceAreRefused() {
    ObjectNode body = object();
    body.putObject("device_keys").put("user_id", alice.userId()).put("device_id", "OTHER");
    assertThatThrownBy(() -> alice.call("POST", KEYS + "upload", body))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
