package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CrossSigningTest {
  private static final String ALICE = "@alice:test";
  private static final String BOB = "@bob:test";
  private final MachineFixtures f = new MachineFixtures();

  private static boolean signed(JsonNode node, String user, String pub) {
    String sig = node.path("signatures").path(user).path("ed25519:" + pub).asString("");
    return MachineFixtures.ENGINE.verifyEd25519(pub, CanonicalJson.signable(node), sig);
  }

  private static String pub(JsonNode key) {
    return key.path("keys").properties().iterator().next().getValue().asString();
  }

  @Test
  void bootstrapUploadsAChainOfSignedKeysAndSignsThisDevice() {
    OlmMachine alice = f.machine(ALICE, "A1");
    f.relay.settle();
    String master = alice.bootstrapCrossSigning();
    assertThat(alice.bootstrapCrossSigning()).isEqualTo(master);

    var upload =
        alice.outgoingRequests().stream()
            .filter(OutgoingRequest.SigningKeysUpload.class::isInstance)
            .findFirst()
            .orElseThrow();
    assertThat(upload.path()).isEqualTo("/_matrix/client/v3/keys/device_signing/upload");
    JsonNode body = upload.body();
    assertThat(pub(body.get("master_key"))).isEqualTo(master);
    assertThat(body.path("master_key").path("usage").toString()).contains("master");
    assertThat(signed(body.get("self_signing_key"), ALICE, master)).isTrue();
    assertThat(signed(body.get("user_signing_key"), ALICE, master)).isTrue();
    String ssk = pub(body.get("self_signing_key"));

    f.relay.settle();
    var signatureUpload =
        f.relay.log.stream()
            .filter(OutgoingRequest.SignatureUpload.class::isInstance)
            .findFirst()
            .orElseThrow();
    JsonNode signedDevice = signatureUpload.body().path(ALICE).path("A1");
    assertThat(signedDevice.path("keys").path("ed25519:A1").asString())
        .isEqualTo(alice.ed25519Key());
    assertThat(signed(signedDevice, ALICE, ssk)).isTrue();

    // Reading our own device list back, this device is cross-signed by our identity.
    assertThat(alice.devices(ALICE))
        .filteredOn(d -> d.deviceId().equals("A1"))
        .singleElement()
        .satisfies(d -> assertThat(d.crossSigned()).isTrue());
  }

  @Test
  void trustingAnIdentityMakesItsSignedDevicesVerified() {
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1");
    alice.bootstrapCrossSigning();
    f.relay.settle();
    bob.updateTrackedUsers(List.of(ALICE));
    f.relay.settle();
    assertThat(bob.devices(ALICE)).extracting(Device::isVerified).containsExactly(false);
    assertThat(bob.trustIdentity(ALICE)).isTrue();
    assertThat(bob.devices(ALICE)).extracting(Device::isVerified).containsExactly(true);

    var verifiedOnly = RoomEncryptionSettings.defaults(TrustPolicy.VERIFIED_ONLY);
    var event =
        f.send(bob, "!r:test", List.of(ALICE, BOB), verifiedOnly, "to a cross-signed device");
    f.relay.settle();
    assertThat(alice.decrypt("!r:test", event)).isInstanceOf(DecryptionResult.Decrypted.class);
  }

  @Test
  void signingAnotherUserUsesTheUserSigningKeyAndSurvivesARestart() {
    var bobStore = new InMemoryCryptoStore();
    PickleKey bobKey = PickleKey.random();
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1", bobStore, bobKey);
    alice.bootstrapCrossSigning();
    bob.bootstrapCrossSigning();
    f.relay.settle();
    String bobUsk =
        pub(
            f.relay.log.stream()
                .filter(r ->
                    r instanceof OutgoingRequest.SigningKeysUpload u
                        && u.body().toString().contains(BOB))
                .findFirst()
                .orElseThrow()
                .body()
                .get("user_signing_key"));
    JsonNode aliceMaster =
        f.relay.log.stream()
            .filter(r ->
                r instanceof OutgoingRequest.SigningKeysUpload u
                    && u.body().toString().contains(ALICE))
            .findFirst()
            .orElseThrow()
            .body()
            .get("master_key");
    bob.close();

    OlmMachine bobAgain = f.machine(BOB, "B1", bobStore, bobKey);
    bobAgain.updateTrackedUsers(List.of(ALICE));
    f.relay.settle();
    assertThat(bobAgain.crossSignUser(ALICE)).isTrue();
    assertThat(bobAgain.crossSignUser("@stranger:test")).isFalse();
    var upload =
        bobAgain.outgoingRequests().stream()
            .filter(OutgoingRequest.SignatureUpload.class::isInstance)
            .findFirst()
            .orElseThrow();
    JsonNode signedMaster = upload.body().path(ALICE).path(pub(aliceMaster));
    assertThat(signed(signedMaster, BOB, bobUsk)).isTrue();
    assertThat(bobAgain.devices(ALICE)).extracting(Device::isVerified).containsExactly(true);
  }
}
