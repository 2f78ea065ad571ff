package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.VerificationState;
import cd.chatrix.crypto.verification.VerificationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** SAS verification between two machines through the relay, initiator and responder. */
class SasVerificationFlowTest {
  private static final String BOT = "@bot:test";
  private static final String ALICE = "@alice:test";
  private final MachineFixtures f = new MachineFixtures();

  private VerificationStatus incoming(OlmMachine m) {
    return m.verifications().stream().filter(v -> !v.weInitiated()).findFirst().orElseThrow();
  }

  @Test
  void bothSidesSeeTheSameEmojiAndEndVerified() {
    OlmMachine bot = f.machine(BOT, "BOTDEV");
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    f.relay.settle();

    String txn = bot.requestVerification(ALICE, "ALICEDEV");
    f.relay.settle();
    VerificationStatus aliceSide = incoming(alice);
    assertThat(aliceSide.transactionId()).isEqualTo(txn);
    assertThat(aliceSide.state()).isEqualTo(VerificationState.REQUESTED);
    alice.acceptVerification(txn);
    f.relay.settle();

    VerificationStatus botView = bot.verification(txn).orElseThrow();
    VerificationStatus aliceView = alice.verification(txn).orElseThrow();
    assertThat(botView.state()).isEqualTo(VerificationState.SHOW_SAS);
    assertThat(aliceView.state()).isEqualTo(VerificationState.SHOW_SAS);
    assertThat(botView.emoji()).hasSize(7).isEqualTo(aliceView.emoji());
    assertThat(botView.decimals()).hasSize(3).isEqualTo(aliceView.decimals());

    bot.confirmVerification(txn);
    f.relay.settle();
    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.CONFIRMED);
    alice.confirmVerification(txn);
    f.relay.settle();

    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.DONE);
    assertThat(alice.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.DONE);
    assertThat(bot.devices(ALICE)).extracting(Device::trust).containsExactly(LocalTrust.VERIFIED);
    assertThat(alice.devices(BOT)).extracting(Device::trust).containsExactly(LocalTrust.VERIFIED);

    // Verified is what the verified-only policy needs.
    ObjectNode event =
        f.send(
            bot,
            "!r:test",
            List.of(BOT, ALICE),
            RoomEncryptionSettings.defaults(TrustPolicy.VERIFIED_ONLY),
            "hello, verified friend");
    f.relay.settle();
    assertThat(alice.decrypt("!r:test", event)).isInstanceOf(DecryptionResult.Decrypted.class);
  }

  @Test
  void crossSignedIdentitiesAreTrustedThroughTheMasterKeyMac() {
    OlmMachine bot = f.machine(BOT, "BOTDEV");
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    alice.bootstrapCrossSigning();
    bot.bootstrapCrossSigning();
    f.relay.settle();
    String txn = bot.requestVerification(ALICE, "ALICEDEV");
    f.relay.settle();
    alice.acceptVerification(txn);
    f.relay.settle();
    bot.confirmVerification(txn);
    alice.confirmVerification(txn);
    f.relay.settle();
    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.DONE);
    // The MAC covered Alice's master key, so her identity is trusted: her device, which her
    // self-signing key signed, now counts as cross-signed, not only locally verified.
    assertThat(bot.devices(ALICE))
        .singleElement()
        .satisfies(d -> assertThat(d.crossSigned()).isTrue());
    // And the bot vouches for Alice with its user-signing key, for its other sessions to see.
    assertThat(f.relay.log)
        .anySatisfy(r ->
            assertThat(r)
                .isInstanceOfSatisfying(
                    OutgoingRequest.SignatureUpload.class,
                    u -> assertThat(u.body().has(ALICE)).isTrue()));
    // A new device she has not cross-signed is not trusted by that.
    f.machine(ALICE, "ALICEPHONE");
    f.relay.settle();
    assertThat(bot.devices(ALICE))
        .filteredOn(d -> d.deviceId().equals("ALICEPHONE"))
        .singleElement()
        .satisfies(d -> assertThat(d.isVerified()).isFalse());
  }

  @Test
  void aMismatchCancelsOnBothSidesAndTrustsNothing() {
    OlmMachine bot = f.machine(BOT, "BOTDEV");
    OlmMachine alice = f.machine(ALICE, "ALICEDEV");
    f.relay.settle();
    String txn = bot.requestVerification(ALICE, "ALICEDEV");
    f.relay.settle();
    alice.acceptVerification(txn);
    f.relay.settle();
    alice.cancelVerification(txn, true);
    f.relay.settle();
    VerificationStatus botView = bot.verification(txn).orElseThrow();
    assertThat(botView.state()).isEqualTo(VerificationState.CANCELLED);
    assertThat(botView.cancelCode()).contains("m.mismatched_sas");
    assertThat(bot.devices(ALICE)).extracting(Device::trust).containsExactly(LocalTrust.UNSET);
  }

  @Test
  void verificationsExpireAfterTenMinutes() {
    OlmMachine bot = f.machine(BOT, "BOTDEV");
    f.machine(ALICE, "ALICEDEV");
    f.relay.settle();
    String txn = bot.requestVerification(ALICE, "ALICEDEV");
    f.now.addAndGet(10 * 60_000L + 1);
    assertThat(bot.verifications())
        .singleElement()
        .satisfies(v -> assertThat(v.cancelCode()).contains("m.timeout"));
    assertThat(bot.verification(txn).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED);
    f.now.addAndGet(24 * 60 * 60_000L);
    assertThat(bot.verifications()).isEmpty();
  }
}
