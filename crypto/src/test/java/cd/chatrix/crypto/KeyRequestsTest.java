package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.store.LocalTrust;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Room-key requests between our own devices, and refusal of keys nobody asked for. */
class KeyRequestsTest {
  private static final String ROOM = "!room:test";
  private static final String BOT = "@bot:test";
  private static final String BOB = "@bob:test";
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);
  private final MachineFixtures f = new MachineFixtures();

  @Test
  void aVerifiedOwnDeviceForwardsAMissingKeyAndTheEventDecryptsLate() {
    OlmMachine first = f.machine(BOT, "FIRST");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode event = f.send(bob, ROOM, List.of(BOT, BOB), ALL, "before the second device");
    f.relay.settle();
    assertThat(first.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.Decrypted.class);

    OlmMachine second = f.machine(BOT, "SECOND");
    f.relay.settle();
    // Both bot devices vouch for each other, as after a verification between them.
    first.updateTrackedUsers(List.of(BOT));
    f.relay.settle();
    assertThat(first.setLocalTrust(BOT, "SECOND", LocalTrust.VERIFIED)).isTrue();
    assertThat(second.setLocalTrust(BOT, "FIRST", LocalTrust.VERIFIED)).isTrue();

    List<LateDecryption> late = new ArrayList<>();
    second.onLateDecryption(late::add);
    assertThat(second.decrypt(ROOM, event)).isInstanceOf(DecryptionResult.MissingKey.class);
    f.relay.settle();

    assertThat(late)
        .singleElement()
        .satisfies(l -> {
          assertThat(l.result().content().path("body").asString())
              .isEqualTo("before the second device");
          // A forwarded key cannot prove who created it.
          assertThat(l.result().trust()).isEqualTo(SenderTrust.UNAUTHENTICATED);
        });
  }

  @Test
  void anUnverifiedOwnDeviceGetsNothing() {
    OlmMachine first = f.machine(BOT, "FIRST");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    ObjectNode event = f.send(bob, ROOM, List.of(BOT, BOB), ALL, "secret");
    f.relay.settle();
    first.decrypt(ROOM, event);
    OlmMachine intruder = f.machine(BOT, "INTRUDER");
    f.relay.settle();
    List<LateDecryption> late = new ArrayList<>();
    intruder.onLateDecryption(late::add);
    intruder.decrypt(ROOM, event);
    f.relay.settle();
    assertThat(late).isEmpty();
    assertThat(f.relay.log)
        .noneMatch(r ->
            r instanceof OutgoingRequest.ToDevice td
                && td.body().path("messages").path(BOT).has("INTRUDER")
                && td.eventType().equals("m.room.encrypted"));
  }
}
