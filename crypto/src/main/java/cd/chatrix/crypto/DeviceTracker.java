package cd.chatrix.crypto;

import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows the device lists of users we share encrypted rooms with: marks them outdated on {@code
 * device_lists.changed}, asks {@code /keys/query}, and keeps only devices whose keys are
 * self-signed. A device that reappears with a different Ed25519 key is refused, since that is what
 * an impersonation looks like.
 */
final class DeviceTracker {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceTracker.class);

  private final MachineContext ctx;
  private final CrossSigningTrust crossSigning;

  /** Users that changed again while a query for them was in flight. */
  private final Set<String> changedDuringQuery = new HashSet<>();

  private final Set<String> inFlight = new HashSet<>();

  DeviceTracker(MachineContext ctx, CrossSigningTrust crossSigning) {
    this.ctx = ctx;
    this.crossSigning = crossSigning;
  }

  /**
   * Starts following users (room members); new ones are outdated until queried. Returns how many of
   * them are outdated now. The tracked list is read once, whatever the room's size: a read per
   * member made an encrypted reply in a room of n members read n × n rows.
   */
  int track(Collection<String> users) {
    Map<String, Boolean> tracked = ctx.store.trackedUsers();
    int outdated = 0;
    for (String user : users) {
      Boolean isOutdated = tracked.get(user);
      if (isOutdated == null) {
        ctx.store.saveTrackedUser(user, true);
      }
      if (isOutdated == null || isOutdated) {
        outdated++;
      }
    }
    return outdated;
  }

  void onDeviceListChanges(Collection<String> changed, Collection<String> left) {
    for (String user : left) {
      if (!user.equals(ctx.userId)) {
        ctx.store.removeTrackedUser(user);
      }
    }
    if (changed.isEmpty()) {
      return; // most syncs: nothing to mark, so no need to read the tracked list
    }
    Map<String, Boolean> tracked = ctx.store.trackedUsers();
    for (String user : changed) {
      if (tracked.containsKey(user)) {
        ctx.store.saveTrackedUser(user, true);
        if (inFlight.contains(user)) {
          changedDuringQuery.add(user);
        }
      }
    }
  }

  void maybeQueue() {
    if (ctx.requests.hasPending(OutgoingRequest.KeysQuery.class)) {
      return;
    }
    List<String> outdated = ctx.store.outdatedTrackedUsers();
    if (outdated.isEmpty()) {
      return;
    }
    ObjectNode body = CanonicalJson.object();
    ObjectNode users = body.putObject("device_keys");
    outdated.forEach(u -> users.putArray(u));
    body.put("timeout", 10_000);
    inFlight.clear();
    inFlight.addAll(outdated);
    changedDuringQuery.clear();
    ctx.requests.add(new OutgoingRequest.KeysQuery(RequestQueue.newId(), body));
  }

  void onQueryFailed() {
    inFlight.clear();
  }

  void onQueryResponse(OutgoingRequest.KeysQuery request, JsonNode response) {
    crossSigning.onQueryResponse(response);
    request
        .body()
        .path("device_keys")
        .propertyNames()
        .forEach(user -> {
          JsonNode devices = response.path("device_keys").path(user);
          if (devices.isObject()) {
            saveVerifiedDevices(user, devices);
          }
          // Failures stay up to date too: the next device_lists.changed brings them back.
          if (!changedDuringQuery.contains(user) && ctx.store.trackedUsers().containsKey(user)) {
            ctx.store.saveTrackedUser(user, false);
          }
        });
    inFlight.clear();
    changedDuringQuery.clear();
  }

  private void saveVerifiedDevices(String user, JsonNode devices) {
    Map<String, Device> known = ctx.store.devices(user);
    Map<String, Device> next = new LinkedHashMap<>();
    for (String deviceId : devices.propertyNames()) {
      parseDevice(user, deviceId, devices.get(deviceId))
          .ifPresent(fresh -> {
            Device old = known.get(deviceId);
            if (old != null && !old.ed25519().equals(fresh.ed25519())) {
              LOG.warn(
                  "Device {} of {} came back with a different signing key; keeping the old keys"
                      + " and ignoring the new ones",
                  deviceId,
                  user);
              next.put(deviceId, old);
              return;
            }
            LocalTrust trust = old == null ? LocalTrust.UNSET : old.trust();
            Device d = fresh.withTrust(trust);
            next.put(deviceId, d.withCrossSigned(crossSigning.isCrossSigned(d)));
          });
    }
    ctx.store.saveDevices(user, next);
  }

  private Optional<Device> parseDevice(String user, String deviceId, JsonNode keys) {
    if (!user.equals(keys.path("user_id").asString(""))
        || !deviceId.equals(keys.path("device_id").asString(""))) {
      LOG.warn("Ignoring device {} of {}: its keys name another user or device", deviceId, user);
      return Optional.empty();
    }
    String ed = keys.path("keys").path("ed25519:" + deviceId).asString("");
    String curve = keys.path("keys").path("curve25519:" + deviceId).asString("");
    if (ed.isEmpty() || curve.isEmpty()) {
      return Optional.empty();
    }
    if (!ctx.hasValidSignature(keys, user, "ed25519:" + deviceId, ed)) {
      LOG.warn("Ignoring device {} of {}: its self-signature does not verify", deviceId, user);
      return Optional.empty();
    }
    if (user.equals(ctx.userId) && deviceId.equals(ctx.deviceId) && !ed.equals(ctx.ed25519())) {
      LOG.warn("The server lists our own device id with foreign keys; ignoring that entry");
      return Optional.empty();
    }
    List<String> algorithms = new ArrayList<>();
    keys.path("algorithms").forEach(a -> algorithms.add(a.asString()));
    String name = keys.path("unsigned").path("device_display_name").asString("");
    return Optional.of(
        new Device(
            user,
            deviceId,
            curve,
            ed,
            algorithms,
            name,
            LocalTrust.UNSET,
            false,
            CanonicalJson.encode(keys)));
  }

  /** The device that owns a Curve25519 key, if we know it. */
  Optional<Device> deviceByCurveKey(String user, String curve25519) {
    return ctx.store.devices(user).values().stream()
        .filter(d -> d.curve25519().equals(curve25519))
        .findFirst();
  }
}
