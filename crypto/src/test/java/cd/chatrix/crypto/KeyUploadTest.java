package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KeyUploadTest {
  private static final String USER = "@bot:test";
  private static final String DEVICE = "BOTDEVICE";
  private final OlmMachine machine =
      new OlmMachine(
          USER, DEVICE, MachineFixtures.ENGINE, new InMemoryCryptoStore(), PickleKey.random());

  private OutgoingRequest.KeysUpload upload() {
    return machine.outgoingRequests().stream()
        .filter(OutgoingRequest.KeysUpload.class::isInstance)
        .map(OutgoingRequest.KeysUpload.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private boolean signedByUs(JsonNode node, String ed25519) {
    String sig = node.path("signatures").path(USER).path("ed25519:" + DEVICE).asString("");
    return MachineFixtures.ENGINE.verifyEd25519(ed25519, CanonicalJson.signable(node), sig);
  }

  @Test
  void firstUploadCarriesSignedDeviceKeysOneTimeKeysAndAFallbackKey() {
    OutgoingRequest.KeysUpload request = upload();
    assertThat(request.path()).isEqualTo("/_matrix/client/v3/keys/upload");
    JsonNode keys = request.body().path("device_keys");
    assertThat(keys.path("user_id").asString()).isEqualTo(USER);
    assertThat(keys.path("device_id").asString()).isEqualTo(DEVICE);
    assertThat(keys.path("algorithms").toString())
        .contains("m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2");
    String ed = keys.path("keys").path("ed25519:" + DEVICE).asString();
    assertThat(ed).isEqualTo(machine.ed25519Key());
    assertThat(keys.path("keys").path("curve25519:" + DEVICE).asString())
        .isEqualTo(machine.curve25519Key());
    assertThat(signedByUs(keys, ed)).isTrue();

    JsonNode otks = request.body().path("one_time_keys");
    assertThat(otks.size()).isPositive();
    otks.properties()
        .forEach(e -> {
          assertThat(e.getKey()).startsWith("signed_curve25519:");
          assertThat(signedByUs(e.getValue(), ed)).isTrue();
        });
    JsonNode fallback = request.body().path("fallback_keys");
    assertThat(fallback.size()).isEqualTo(1);
    JsonNode fb = fallback.properties().iterator().next().getValue();
    assertThat(fb.path("fallback").asBoolean()).isTrue();
    assertThat(signedByUs(fb, ed)).isTrue();

    // A tampered copy does not verify: the signature really covers the canonical form.
    var tampered = (tools.jackson.databind.node.ObjectNode) keys.deepCopy();
    tampered.put("device_id", "OTHER");
    assertThat(signedByUs(tampered, ed)).isFalse();
  }

  @Test
  void theSameRequestIsOfferedUntilAcknowledged() {
    String id = upload().id();
    assertThat(upload().id()).isEqualTo(id);
    int count = upload().body().path("one_time_keys").size();
    machine.markRequestAsSent(
        id, CanonicalJson.parse("{\"one_time_key_counts\":{\"signed_curve25519\":" + count + "}}"));
    assertThat(machine.outgoingRequests()).noneMatch(OutgoingRequest.KeysUpload.class::isInstance);
  }

  @Test
  void oneTimeKeysAreToppedUpWhenTheServerCountDrops() {
    var first = upload();
    int target = first.body().path("one_time_keys").size();
    machine.markRequestAsSent(
        first.id(),
        CanonicalJson.parse("{\"one_time_key_counts\":{\"signed_curve25519\":" + target + "}}"));
    machine.receiveSyncChanges(
        List.of(),
        DeviceListChanges.NONE,
        Map.of("signed_curve25519", target - 7),
        Optional.of(List.of("signed_curve25519")));
    var topUp = upload();
    assertThat(topUp.body().has("device_keys")).isFalse();
    assertThat(topUp.body().path("one_time_keys").size()).isEqualTo(7);
    assertThat(topUp.body().path("fallback_keys").size()).isZero();
  }

  @Test
  void aUsedFallbackKeyIsReplaced() {
    var first = upload();
    int target = first.body().path("one_time_keys").size();
    String oldFallback = first.body().path("fallback_keys").propertyNames().iterator().next();
    machine.markRequestAsSent(
        first.id(),
        CanonicalJson.parse("{\"one_time_key_counts\":{\"signed_curve25519\":" + target + "}}"));
    machine.receiveSyncChanges(
        List.of(),
        DeviceListChanges.NONE,
        Map.of("signed_curve25519", target),
        Optional.of(List.of()));
    var again = upload();
    assertThat(again.body().path("one_time_keys").size()).isZero();
    assertThat(again.body().path("fallback_keys").propertyNames())
        .doesNotContain(oldFallback)
        .hasSize(1);
  }
}
