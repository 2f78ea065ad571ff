package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.bot.port.DeviceInfo;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Verification;
import cd.chatrix.bot.port.Verification.Phase;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.verification.SasEmoji;
import cd.chatrix.crypto.verification.VerificationState;
import cd.chatrix.crypto.verification.VerificationStatus;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter over one machine with nowhere to send: what it reads, refuses and reports. */
class ChatEncryptionTest {
  private static final String BOT = "@bot:example.org";
  private static final String ALICE = "@alice:example.org";

  private final OlmMachine machine =
      new OlmMachine(
          BOT, "BOTDEVICE", new VodozemacEngine(), new InMemoryCryptoStore(), PickleKey.random());
  private final AtomicInteger flushes = new AtomicInteger();
  private final ChatEncryption port =
      new ChatEncryption(
          machine, flushes::incrementAndGet, EncryptionIdentity.KeySharing.VERIFIED_ONLY);
  private final List<Verification> told = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    port.close();
    machine.close();
  }

  @Test
  void identityIsTheMachinesDeviceAndTheConfiguredPolicy() {
    EncryptionIdentity me = port.identity();
    assertThat(me.userId()).isEqualTo(BOT);
    assertThat(me.deviceId()).isEqualTo("BOTDEVICE");
    assertThat(me.ed25519()).isEqualTo(machine.ed25519Key()).isNotBlank();
    assertThat(me.crossSigningKey()).isEmpty();
    assertThat(me.deviceCrossSigned()).isFalse();
    assertThat(me.roomKeysTo()).isEqualTo(EncryptionIdentity.KeySharing.VERIFIED_ONLY);
  }

  @Test
  void unknownUsersAreLookedUpAndTheBotAlwaysListsItself() {
    assertThat(port.devices(ALICE)).isEmpty();
    assertThat(flushes).as("asked the server for Alice's keys").hasValue(1);
    assertThat(port.devices(BOT))
        .containsExactly(
            new DeviceInfo(
                BOT, "BOTDEVICE", "this bot", machine.ed25519Key(), DeviceInfo.Trust.VERIFIED));
  }

  @Test
  void stepsAreSentAtOnceAndEachChangeIsReportedOnce() {
    port.onVerificationChange(told::add);
    Verification v = port.start(ALICE, "PHONE");
    assertThat(v.phase()).isEqualTo(Phase.WAITING);
    assertThat(v.weStarted()).isTrue();
    assertThat(flushes.get()).isPositive();
    await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 1);

    port.reportChanges();
    port.cancel(v.id(), false);
    await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 2);
    assertThat(told.get(1).phase()).isEqualTo(Phase.CANCELLED);
    assertThat(told.get(1).cancelReason()).isPresent();
    assertThat(port.verifications()).extracting(Verification::id).containsExactly(v.id());
  }

  @Test
  void theMachinesRefusalsBecomeSentencesForChat() {
    assertThatThrownBy(() -> port.accept("nope"))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("I don't know that verification");
    Verification v = port.start(ALICE, "PHONE");
    assertThatThrownBy(() -> port.confirm(v.id()))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("moved on meanwhile");
  }

  @Test
  void machineStatesReadAsPhasesForThePersonDoingIt() {
    assertThat(phaseOf(VerificationState.REQUESTED, true)).isEqualTo(Phase.WAITING);
    assertThat(phaseOf(VerificationState.REQUESTED, false)).isEqualTo(Phase.REQUESTED);
    assertThat(phaseOf(VerificationState.READY, false)).isEqualTo(Phase.WAITING);
    assertThat(phaseOf(VerificationState.STARTED, true)).isEqualTo(Phase.WAITING);
    assertThat(phaseOf(VerificationState.SHOW_SAS, true)).isEqualTo(Phase.COMPARE);
    assertThat(phaseOf(VerificationState.CONFIRMED, true)).isEqualTo(Phase.CONFIRMED);
    assertThat(phaseOf(VerificationState.DONE, true)).isEqualTo(Phase.DONE);

    var compare = status(VerificationState.SHOW_SAS, true, List.of(0, 47, 54), Optional.empty());
    assertThat(ChatEncryption.verification(compare).emojis())
        .containsExactly(
            new Verification.Emoji("🐶", "Dog"),
            new Verification.Emoji("🔑", "Key"),
            new Verification.Emoji("🚀", "Rocket"));

    var cancelled =
        status(
            VerificationState.CANCELLED, false, List.of(), Optional.of("no\n" + "x".repeat(500)));
    String reason = ChatEncryption.verification(cancelled).cancelReason().orElseThrow();
    assertThat(reason).startsWith("no x").hasSize(201).endsWith("…");
  }

  private static Phase phaseOf(VerificationState state, boolean weInitiated) {
    return ChatEncryption.verification(status(state, weInitiated, List.of(), Optional.empty()))
        .phase();
  }

  private static VerificationStatus status(
      VerificationState state, boolean weInitiated, List<Integer> emoji, Optional<String> reason) {
    return new VerificationStatus(
        "txn",
        ALICE,
        "PHONE",
        weInitiated,
        state,
        SasEmoji.of(emoji),
        List.of(),
        reason.map(r -> "m.user"),
        reason);
  }
}
