package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Olm decryption edge cases: a lost session is repaired with a fresh one and an m.dummy. */
class OlmSessionRecoveryTest {
  private static final String ALICE = "@alice:test";
  private static final String BOB = "@bob:test";
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);
  private final MachineFixtures f = new MachineFixtures();

  /** A store that can pretend to have lost every Olm session, like a restore from an old backup. */
  private static CryptoStore forgetful(AtomicBoolean forget) {
    CryptoStore real = new InMemoryCryptoStore();
    return (CryptoStore)
        Proxy.newProxyInstance(
            CryptoStore.class.getClassLoader(),
            new Class<?>[] {CryptoStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("olmSessions") && forget.get()) {
                return List.of();
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aWedgedSessionIsReplacedAndKeysFlowAgain() {
    AtomicBoolean forget = new AtomicBoolean();
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1", forgetful(forget), PickleKey.random());
    bob.updateTrackedUsers(List.of(ALICE));
    f.relay.settle();
    ObjectNode first = f.send(alice, "!one:test", List.of(ALICE, BOB), ALL, "first");
    f.relay.settle();
    assertThat(bob.decrypt("!one:test", first)).isInstanceOf(DecryptionResult.Decrypted.class);

    // Bob's side of the session is gone; Alice's next room key arrives as a normal Olm message.
    ObjectNode lost = encryptWithoutDelivering(alice, "!two:test", "lost");
    forget.set(true);
    f.relay.sync(bob);
    forget.set(false);
    f.relay.settle();
    assertThat(f.relay.log)
        .anyMatch(r ->
            r instanceof OutgoingRequest.KeysClaim c && c.body().path("one_time_keys").has(ALICE));
    assertThat(f.relay.log)
        .filteredOn(
            r -> r instanceof OutgoingRequest.ToDevice td && td.body().path("messages").has(ALICE))
        .isNotEmpty();

    // The lost key is requested; Alice only forwards to her own devices, so Bob still misses it.
    assertThat(bob.decrypt("!two:test", lost)).isInstanceOf(DecryptionResult.MissingKey.class);
    // But new keys reach Bob over the repaired session.
    ObjectNode fresh = f.send(alice, "!three:test", List.of(ALICE, BOB), ALL, "fresh");
    f.relay.settle();
    assertThat(bob.decrypt("!three:test", fresh)).isInstanceOf(DecryptionResult.Decrypted.class);
  }

  private ObjectNode encryptWithoutDelivering(OlmMachine alice, String room, String body) {
    ObjectNode content = CanonicalJson.object().put("msgtype", "m.text").put("body", body);
    for (int i = 0; i < 10; i++) {
      if (alice.encrypt(room, List.of(ALICE, BOB), ALL, "m.room.message", content)
          instanceof EncryptionResult.Encrypted(ObjectNode encrypted)) {
        return MachineFixtures.event(ALICE, room, encrypted);
      }
      f.relay.flush(alice);
      f.relay.sync(alice);
    }
    throw new AssertionError("never ready");
  }

  @Test
  void aReplayedPreKeyMessageIsDroppedWithoutDisturbingTheSession() {
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1");
    bob.updateTrackedUsers(List.of(ALICE));
    f.relay.settle();
    ObjectNode event = encryptWithoutDelivering(alice, "!one:test", "once");
    List<tools.jackson.databind.JsonNode> delivered = f.relay.peekInbox(bob);
    assertThat(delivered).isNotEmpty();
    f.relay.sync(bob);
    assertThat(bob.decrypt("!one:test", event)).isInstanceOf(DecryptionResult.Decrypted.class);

    bob.receiveSyncChanges(
        delivered, DeviceListChanges.NONE, java.util.Map.of(), java.util.Optional.empty());
    // Treating the replay as a broken session would claim keys and send m.dummy; it must not.
    assertThat(bob.outgoingRequests())
        .noneMatch(r -> r instanceof OutgoingRequest.KeysClaim)
        .noneMatch(r -> r instanceof OutgoingRequest.ToDevice);
  }

  @Test
  void anOlmPayloadAddressedToSomeoneElseIsDropped() {
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1");
    f.relay.settle();
    f.send(alice, "!one:test", List.of(ALICE, BOB), ALL, "x");
    f.relay.settle();
    // Re-address a real Olm event from Alice as if Carol had sent it: the inner sender differs.
    List<tools.jackson.databind.JsonNode> passed =
        bob
            .receiveSyncChanges(
                List.of(
                    CanonicalJson.parse(
                        "{\"type\":\"m.room.encrypted\",\"sender\":\"@carol:test\",\"content\":{\"algorithm\":"
                            + "\"m.olm.v1.curve25519-aes-sha2\",\"sender_key\":\""
                            + alice.curve25519Key()
                            + "\",\"ciphertext\":{\""
                            + bob.curve25519Key()
                            + "\":{\"type\":1,\"body\":\"AwogAA\"}}}}")),
                DeviceListChanges.NONE,
                java.util.Map.of(),
                java.util.Optional.empty())
            .stream()
            .map(ToDeviceEvent::content)
            .toList();
    assertThat(passed).isEmpty();
  }
}
