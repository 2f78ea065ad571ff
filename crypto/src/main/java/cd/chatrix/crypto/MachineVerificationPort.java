package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.VerificationPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/** Gives the verification package what it needs from the machine, and nothing more. */
final class MachineVerificationPort implements VerificationPort {
  private final MachineContext ctx;
  private final DeviceTracker devices;
  private final Consumer<String> trustIdentity;

  MachineVerificationPort(
      MachineContext ctx, DeviceTracker devices, Consumer<String> trustIdentity) {
    this.ctx = ctx;
    this.devices = devices;
    this.trustIdentity = trustIdentity;
  }

  @Override
  public String userId() {
    return ctx.userId;
  }

  @Override
  public String deviceId() {
    return ctx.deviceId;
  }

  @Override
  public String ed25519Key() {
    return ctx.ed25519();
  }

  @Override
  public Optional<String> deviceEd25519(String userId, String deviceId) {
    return Optional.ofNullable(ctx.store.devices(userId).get(deviceId)).map(Device::ed25519);
  }

  @Override
  public Optional<String> ownMasterKey() {
    return ctx.store.value(CrossSigningTrust.OWN_MASTER);
  }

  @Override
  public Optional<String> masterKeyOf(String userId) {
    return ctx.store.value("xsign|" + userId).map(v -> v.split("\\|")[0]);
  }

  @Override
  public void markDeviceVerified(String userId, String deviceId) {
    Map<String, Device> known = new LinkedHashMap<>(ctx.store.devices(userId));
    Device d = known.get(deviceId);
    if (d != null) {
      known.put(deviceId, d.withTrust(LocalTrust.VERIFIED));
      ctx.store.saveDevices(userId, known);
    }
  }

  @Override
  public void trustIdentity(String userId) {
    trustIdentity.accept(userId);
  }

  @Override
  public void sendToDevice(String userId, String deviceId, String eventType, ObjectNode content) {
    ObjectNode messages = CanonicalJson.object();
    messages.putObject(userId).set(deviceId, content);
    ctx.requests.toDevice(eventType, messages);
  }

  @Override
  public void track(String userId) {
    devices.track(List.of(userId));
  }

  @Override
  public long now() {
    return ctx.now();
  }

  @Override
  public CryptoEngine engine() {
    return ctx.engine;
  }
}
