package cd.chatrix.app.faults;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.crypto.DeviceListChanges;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.vodozemac.VodozemacEngine;
import cd.chatrix.testkit.matrix.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * New devices of the person, each with real device keys and one-time keys on the homeserver: a new
 * device in an encrypted room makes the bot query keys, claim a one-time key and send the room key
 * to it before its next message there.
 */
final class HomeserverCryptoDevices implements AutoCloseable {
  private final List<OlmMachine> machines = new ArrayList<>();
  private final List<TestUser> devices = new ArrayList<>();

  /** Logs the person in on a new device and publishes its keys. */
  synchronized void addDevice(DemoSandbox sandbox) {
    TestUser device =
        sandbox.homeserver().loginUser(DemoSandbox.PERSON_LOCALPART, DemoSandbox.PERSON_PASSWORD);
    OlmMachine machine =
        new OlmMachine(
            device.userId(),
            device.deviceId(),
            new VodozemacEngine(),
            new InMemoryCryptoStore(),
            PickleKey.random());
    devices.add(device);
    machines.add(machine);
    uploadKeys(device, machine);
    // The server holds no one-time keys for the device yet: the machine makes some.
    machine.receiveSyncChanges(
        List.of(), DeviceListChanges.NONE, Map.of("signed_curve25519", 0), Optional.empty());
    uploadKeys(device, machine);
  }

  /** Only key uploads: the device queries and claims nothing, so it never meets a fault. */
  private static void uploadKeys(TestUser device, OlmMachine machine) {
    for (OutgoingRequest request : machine.outgoingRequests()) {
      if (request instanceof OutgoingRequest.KeysUpload upload) {
        machine.markRequestAsSent(
            upload.id(), device.call(upload.method(), upload.path(), upload.body()));
      }
    }
  }

  @Override
  public synchronized void close() {
    machines.forEach(OlmMachine::close);
    devices.forEach(TestUser::close);
  }
}
