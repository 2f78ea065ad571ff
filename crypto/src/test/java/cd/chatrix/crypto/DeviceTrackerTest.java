package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DeviceTrackerTest {
  private static final String ALICE = "@alice:test";
  private static final String BOB = "@bob:test";
  private final MachineFixtures f = new MachineFixtures();
  private final AtomicInteger reads = new AtomicInteger();

  /** Alice's machine over a store that counts how often the whole tracked list is read. */
  private OlmMachine aliceCountingTrackedReads() {
    OlmMachine alice =
        f.machine(
            ALICE,
            "A1",
            countingTrackedReads(new InMemoryCryptoStore(), reads),
            PickleKey.random());
    f.relay.settle();
    return alice;
  }

  @Test
  void encryptingForARoomReadsTheTrackedListOnceWhateverItsSize() {
    OlmMachine alice = aliceCountingTrackedReads();
    List<String> members = IntStream.range(0, 40).mapToObj(i -> "@member" + i + ":test").toList();
    reads.set(0);

    EncryptionResult result =
        alice.encrypt(
            "!big:test",
            members,
            RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES),
            "m.room.message",
            JsonMapper.builder().build().createObjectNode().put("body", "hello"));

    assertThat(result).isInstanceOf(EncryptionResult.NeedsRequests.class);
    assertThat(reads.get()).as("reads of the tracked list for 40 members").isLessThanOrEqualTo(2);
  }

  @Test
  void aSyncWithoutDeviceListChangesDoesNotReadTheWholeTrackedList() {
    OlmMachine alice = aliceCountingTrackedReads();
    alice.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    reads.set(0);

    alice.receiveSyncChanges(
        List.of(), new DeviceListChanges(List.of(), List.of()), Map.of(), Optional.empty());
    alice.outgoingRequests(); // asks the store for outdated users only

    assertThat(reads.get()).isZero();
  }

  /** The store, counting how often the whole tracked list is read. */
  private static CryptoStore countingTrackedReads(CryptoStore real, AtomicInteger reads) {
    return (CryptoStore)
        Proxy.newProxyInstance(
            CryptoStore.class.getClassLoader(),
            new Class<?>[] {CryptoStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("trackedUsers")) {
                reads.incrementAndGet();
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void devicesWithValidSelfSignaturesAreKept() {
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1");
    f.relay.settle();
    alice.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    assertThat(alice.devices(BOB))
        .singleElement()
        .satisfies(d -> {
          assertThat(d.deviceId()).isEqualTo("B1");
          assertThat(d.ed25519()).isEqualTo(bob.ed25519Key());
          assertThat(d.curve25519()).isEqualTo(bob.curve25519Key());
        });
  }

  @Test
  void aDeviceWhoseSignatureDoesNotVerifyIsDropped() {
    OlmMachine alice = f.machine(ALICE, "A1");
    f.machine(BOB, "B1");
    f.relay.settle();
    ObjectNode keys = f.relay.deviceKeysOf(BOB, "B1").deepCopy();
    // Swap in another curve key: the signature no longer matches.
    ((ObjectNode) keys.get("keys")).put("curve25519:B1", alice.curve25519Key());
    f.relay.replaceDeviceKeys(BOB, "B1", keys);
    alice.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    assertThat(alice.devices(BOB)).isEmpty();
  }

  @Test
  void aKnownDeviceThatComesBackWithAnotherSigningKeyKeepsItsOldKeys() {
    OlmMachine alice = f.machine(ALICE, "A1");
    OlmMachine bob = f.machine(BOB, "B1");
    f.relay.settle();
    alice.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    // An impostor registers its own (validly self-signed) keys under Bob's device id.
    OlmMachine impostor =
        new OlmMachine(
            BOB,
            "B1",
            MachineFixtures.ENGINE,
            new cd.chatrix.crypto.store.InMemoryCryptoStore(),
            cd.chatrix.crypto.engine.PickleKey.random());
    var upload = (OutgoingRequest.KeysUpload) impostor.outgoingRequests().getFirst();
    f.relay.replaceDeviceKeys(BOB, "B1", (ObjectNode) upload.body().get("device_keys"));
    f.relay.settle();
    assertThat(alice.devices(BOB)).extracting(Device::ed25519).containsExactly(bob.ed25519Key());
  }

  @Test
  void changedUsersAreQueriedAgainAndLeftUsersForgotten() {
    OlmMachine alice = f.machine(ALICE, "A1");
    f.machine(BOB, "B1");
    f.relay.settle();
    alice.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    f.machine(BOB, "B2");
    f.relay.settle();
    assertThat(alice.devices(BOB))
        .extracting(Device::deviceId)
        .containsExactlyInAnyOrder("B1", "B2");

    alice.receiveSyncChanges(
        List.of(),
        new DeviceListChanges(List.of(), List.of(BOB)),
        java.util.Map.of(),
        java.util.Optional.empty());
    alice.receiveSyncChanges(
        List.of(),
        new DeviceListChanges(List.of(BOB), List.of()),
        java.util.Map.of(),
        java.util.Optional.empty());
    assertThat(alice.outgoingRequests()).noneMatch(OutgoingRequest.KeysQuery.class::isInstance);
  }
}
