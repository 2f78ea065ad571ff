package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.StoredOlmSession;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Olm session establishment: claims one-time keys for devices we have no session with, checks the
 * keys' signatures, and opens outbound sessions. Also repairs wedged sessions by opening a fresh
 * one and sending an {@code m.dummy} over it.
 */
final class OlmSessions {
  private static final Logger LOG = LoggerFactory.getLogger(OlmSessions.class);

  /** After a device had no key to claim, wait this long before asking again. */
  private static final long CLAIM_RETRY_MS = 5 * 60_000L;

  /** At most one wedged-session repair per device in this interval. */
  private static final long UNWEDGE_INTERVAL_MS = 60 * 60_000L;

  private final MachineContext ctx;
  private final Map<String, Device> wanted = new LinkedHashMap<>();
  private final Map<String, Long> claimFailedAt = new HashMap<>();
  private final Map<String, Long> unwedgedAt = new HashMap<>();
  private final Map<String, Device> needsDummy = new HashMap<>();

  OlmSessions(MachineContext ctx) {
    this.ctx = ctx;
  }

  static String ref(Device d) {
    return d.userId() + "|" + d.deviceId();
  }

  Optional<StoredOlmSession> latest(String curveKey) {
    return ctx.store.olmSessions(curveKey).stream()
        .max(Comparator.comparingLong(StoredOlmSession::lastUsedAtMs));
  }

  boolean hasSession(Device d) {
    return !ctx.store.olmSessions(d.curve25519()).isEmpty();
  }

  /** Whether a recent claim found no key for this device, so sharing should not wait for it. */
  boolean isUnreachable(Device d) {
    Long failed = claimFailedAt.get(ref(d));
    return failed != null && ctx.now() - failed < CLAIM_RETRY_MS;
  }

  boolean isClaimPending(Device d) {
    return wanted.containsKey(ref(d));
  }

  void want(Device d) {
    if (!isUnreachable(d)) {
      wanted.putIfAbsent(ref(d), d);
    }
  }

  /** A session with this device is broken: open a new one and tell the device with m.dummy. */
  void unwedge(Device d) {
    Long last = unwedgedAt.get(ref(d));
    if (last != null && ctx.now() - last < UNWEDGE_INTERVAL_MS) {
      return;
    }
    unwedgedAt.put(ref(d), ctx.now());
    needsDummy.put(ref(d), d);
    wanted.put(ref(d), d);
  }

  void maybeQueue() {
    if (wanted.isEmpty() || ctx.requests.hasPending(OutgoingRequest.KeysClaim.class)) {
      return;
    }
    ObjectNode body = CanonicalJson.object();
    ObjectNode users = body.putObject("one_time_keys");
    for (Device d : wanted.values()) {
      ObjectNode devices =
          users.has(d.userId()) ? (ObjectNode) users.get(d.userId()) : users.putObject(d.userId());
      devices.put(d.deviceId(), MachineContext.SIGNED_CURVE25519);
    }
    body.put("timeout", 10_000);
    ctx.requests.add(new OutgoingRequest.KeysClaim(RequestQueue.newId(), body));
  }

  void onClaimFailed(OutgoingRequest.KeysClaim request) {
    forEachRequested(
        request,
        d -> {
          wanted.remove(ref(d));
          claimFailedAt.put(ref(d), ctx.now());
          return null;
        });
  }

  /** Opens sessions from a claim answer; returns devices that still need an m.dummy. */
  Map<String, Device> onClaimResponse(OutgoingRequest.KeysClaim request, JsonNode response) {
    Map<String, Device> dummies = new HashMap<>();
    forEachRequested(
        request,
        d -> {
          wanted.remove(ref(d));
          JsonNode keys = response.path("one_time_keys").path(d.userId()).path(d.deviceId());
          boolean opened = false;
          for (String keyId : keys.propertyNames()) {
            JsonNode key = keys.get(keyId);
            if (!keyId.startsWith(MachineContext.SIGNED_CURVE25519 + ":")
                || !ctx.hasValidSignature(
                    key, d.userId(), "ed25519:" + d.deviceId(), d.ed25519())) {
              LOG.warn(
                  "Claimed key {} of {} {} has no valid signature",
                  keyId,
                  d.userId(),
                  d.deviceId());
              continue;
            }
            open(d, key.path("key").asString());
            opened = true;
            break;
          }
          if (opened) {
            claimFailedAt.remove(ref(d));
            Device dummy = needsDummy.remove(ref(d));
            if (dummy != null) {
              dummies.put(ref(d), dummy);
            }
          } else {
            claimFailedAt.put(ref(d), ctx.now());
          }
          return null;
        });
    return dummies;
  }

  private void forEachRequested(OutgoingRequest.KeysClaim request, Function<Device, Void> action) {
    JsonNode users = request.body().path("one_time_keys");
    for (String user : users.propertyNames()) {
      Map<String, Device> known = ctx.store.devices(user);
      for (String deviceId : users.get(user).propertyNames()) {
        Device d = known.get(deviceId);
        if (d != null) {
          action.apply(d);
        } else {
          wanted.remove(user + "|" + deviceId);
        }
      }
    }
  }

  private void open(Device d, String oneTimeKey) {
    try (OlmSession session = ctx.account.createOutboundSession(d.curve25519(), oneTimeKey)) {
      long now = ctx.now();
      ctx.store.saveOlmSession(
          new StoredOlmSession(
              d.curve25519(), session.sessionId(), session.pickle(ctx.pickleKey), now, now));
    } catch (CryptoException e) {
      LOG.warn(
          "Could not open an Olm session with {} {}: {}", d.userId(), d.deviceId(), e.getMessage());
      claimFailedAt.put(ref(d), ctx.now());
    }
  }
}
