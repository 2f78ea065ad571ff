package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.engine.OutboundGroupSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import cd.chatrix.crypto.store.StoredOutboundGroupSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Room message encryption: one outbound Megolm session per room, shared over Olm with the member
 * devices the trust policy allows, withheld (with a reason) from the others, and replaced when it
 * is too old, has sent too many messages, or someone who holds its key is no longer entitled to it.
 */
final class MegolmEncrypt {
  private static final Logger LOG = LoggerFactory.getLogger(MegolmEncrypt.class);

  private final MachineContext ctx;
  private final DeviceTracker devices;
  private final OlmSessions sessions;
  private final RoomKeySharing sharing;
  private final SharedRoomKeys shares;

  /** Unacknowledged room-key deliveries; messages wait until recipients can decrypt. */
  private final RoomKeyDeliveries deliveries;

  MegolmEncrypt(
      MachineContext ctx,
      DeviceTracker devices,
      OlmSessions sessions,
      RoomKeySharing sharing,
      SharedRoomKeys shares) {
    this.ctx = ctx;
    this.devices = devices;
    this.sessions = sessions;
    this.sharing = sharing;
    this.shares = shares;
    this.deliveries = new RoomKeyDeliveries(ctx);
  }

  EncryptionResult encrypt(
      String roomId,
      Collection<String> members,
      RoomEncryptionSettings settings,
      String eventType,
      JsonNode content) {
    int outdated = devices.track(members);
    if (outdated > 0) {
      devices.maybeQueue();
      return new EncryptionResult.NeedsRequests(
          "device lists of " + outdated + " member(s) are being fetched");
    }
    List<Device> allowed = new ArrayList<>();
    List<Device> refused = new ArrayList<>();
    for (String member : members) {
      for (Device d : ctx.store.devices(member).values()) {
        if (member.equals(ctx.userId) && d.deviceId().equals(ctx.deviceId)) {
          continue;
        }
        (isAllowed(d, settings.trustPolicy()) ? allowed : refused).add(d);
      }
    }
    StoredOutboundGroupSession session = currentOrRotated(roomId, members, allowed, settings);

    List<Device> ready = new ArrayList<>();
    List<Device> noOlm = new ArrayList<>();
    boolean waitingForClaims = false;
    for (Device d : allowed) {
      if (session.sharedWith().contains(OlmSessions.ref(d))) {
        continue;
      }
      if (sessions.hasSession(d)) {
        ready.add(d);
      } else if (sessions.isUnreachable(d)) {
        noOlm.add(d);
      } else {
        sessions.want(d);
        waitingForClaims = true;
      }
    }
    List<Device> newlyRefused =
        refused.stream().filter(d -> !session.withheldFrom().contains(OlmSessions.ref(d))).toList();
    List<Device> newlyNoOlm =
        noOlm.stream().filter(d -> !session.withheldFrom().contains(OlmSessions.ref(d))).toList();

    StoredOutboundGroupSession updated = session;
    if (!ready.isEmpty()) {
      String requestId = RequestQueue.newId();
      deliveries.add(requestId, roomId);
      sharing.shareRoomKey(requestId, roomId, session, ready, settings.trustPolicy());
      updated = withShared(updated, ready, List.of());
    }
    if (!newlyRefused.isEmpty() || !newlyNoOlm.isEmpty()) {
      sharing.withhold(roomId, session.sessionId(), newlyRefused, newlyNoOlm);
      List<Device> both = new ArrayList<>(newlyRefused);
      both.addAll(newlyNoOlm);
      updated = withShared(updated, List.of(), both);
    }
    if (updated != session) {
      ctx.store.saveOutboundGroupSession(updated);
    }
    if (waitingForClaims) {
      sessions.maybeQueue();
      return new EncryptionResult.NeedsRequests("one-time keys are being claimed for new devices");
    }
    if (deliveries.waiting(roomId)) {
      return new EncryptionResult.NeedsRequests("the room key is being delivered");
    }
    return new EncryptionResult.Encrypted(encryptWith(updated, roomId, eventType, content));
  }

  /** A room-key delivery was acknowledged (or given up on); stop holding messages for it. */
  void onDelivered(String requestId) {
    deliveries.remove(requestId);
  }

  /** A room-key delivery was lost: start over with a new key rather than leave holes. */
  void onDeliveryFailed(String requestId) {
    deliveries.remove(requestId).ifPresent(roomId -> discard(roomId, "a room-key delivery failed"));
  }

  /** Someone left: the next message must use a key they never saw. */
  void onMemberLeft(String roomId, String userId) {
    ctx.store
        .outboundGroupSession(roomId)
        .filter(s -> s.sharedWith().stream().anyMatch(ref -> ref.startsWith(userId + "|")))
        .ifPresent(s -> discard(roomId, "a member left"));
  }

  void discard(String roomId, String why) {
    LOG.info("Discarding the outbound Megolm session of {}: {}", roomId, why);
    ctx.store.outboundGroupSession(roomId).ifPresent(s -> shares.forget(roomId, s.sessionId()));
    ctx.store.removeOutboundGroupSession(roomId);
  }

  static boolean isAllowed(Device d, TrustPolicy policy) {
    if (d.trust() == LocalTrust.BLOCKED) {
      return false;
    }
    return policy == TrustPolicy.ALL_DEVICES || d.isVerified();
  }

  private StoredOutboundGroupSession currentOrRotated(
      String roomId,
      Collection<String> members,
      List<Device> allowed,
      RoomEncryptionSettings settings) {
    Optional<StoredOutboundGroupSession> current = ctx.store.outboundGroupSession(roomId);
    if (current.isPresent()) {
      Optional<String> reason = rotationReason(current.get(), members, allowed, settings);
      if (reason.isEmpty()) {
        return current.get();
      }
      discard(roomId, reason.get());
    }
    return create(roomId);
  }

  private Optional<String> rotationReason(
      StoredOutboundGroupSession s,
      Collection<String> members,
      List<Device> allowed,
      RoomEncryptionSettings settings) {
    if (ctx.now() - s.createdAtMs() >= settings.rotationPeriodMs()) {
      return Optional.of("rotation period elapsed");
    }
    if (s.messageCount() >= settings.rotationPeriodMsgs()) {
      return Optional.of("rotation message count reached");
    }
    Set<String> allowedRefs = new HashSet<>();
    allowed.forEach(d -> allowedRefs.add(OlmSessions.ref(d)));
    for (String ref : s.sharedWith()) {
      String user = ref.substring(0, ref.indexOf('|'));
      if (!members.contains(user)) {
        return Optional.of("a member who holds the key left");
      }
      if (!allowedRefs.contains(ref)) {
        return Optional.of("a device that holds the key is gone or no longer trusted");
      }
    }
    return Optional.empty();
  }

  private StoredOutboundGroupSession create(String roomId) {
    try (OutboundGroupSession out = ctx.engine.newOutboundGroupSession();
        InboundGroupSession own = ctx.engine.newInboundGroupSession(out.sessionKey())) {
      // Keep our own inbound copy so our messages read back from the timeline decrypt too.
      ctx.store.saveInboundGroupSession(
          new StoredInboundGroupSession(
              roomId,
              out.sessionId(),
              ctx.curve25519(),
              ctx.ed25519(),
              own.pickle(ctx.pickleKey),
              own.firstKnownIndex(),
              false));
      var stored =
          new StoredOutboundGroupSession(
              roomId, out.sessionId(), out.pickle(ctx.pickleKey), ctx.now(), 0, Set.of(), Set.of());
      ctx.store.saveOutboundGroupSession(stored);
      deliveries.forgetRoom(roomId);
      return stored;
    }
  }

  private static StoredOutboundGroupSession withShared(
      StoredOutboundGroupSession s, List<Device> shared, List<Device> withheld) {
    Set<String> sharedWith = new HashSet<>(s.sharedWith());
    shared.forEach(d -> sharedWith.add(OlmSessions.ref(d)));
    Set<String> withheldFrom = new HashSet<>(s.withheldFrom());
    withheld.forEach(d -> withheldFrom.add(OlmSessions.ref(d)));
    return new StoredOutboundGroupSession(
        s.roomId(),
        s.sessionId(),
        s.pickle(),
        s.createdAtMs(),
        s.messageCount(),
        sharedWith,
        withheldFrom);
  }

  private ObjectNode encryptWith(
      StoredOutboundGroupSession s, String roomId, String eventType, JsonNode content) {
    ObjectNode plain = CanonicalJson.object();
    plain.put("type", eventType);
    plain.set("content", content);
    plain.put("room_id", roomId);
    String ciphertext;
    try (OutboundGroupSession out =
        ctx.engine.unpickleOutboundGroupSession(s.pickle(), ctx.pickleKey)) {
      ciphertext = out.encrypt(CanonicalJson.encode(plain));
      // Persist the advanced ratchet before the ciphertext leaves: an index must never repeat.
      ctx.store.saveOutboundGroupSession(
          new StoredOutboundGroupSession(
              roomId,
              s.sessionId(),
              out.pickle(ctx.pickleKey),
              s.createdAtMs(),
              s.messageCount() + 1,
              s.sharedWith(),
              s.withheldFrom()));
    }
    ObjectNode out = CanonicalJson.object();
    out.put("algorithm", MachineContext.MEGOLM_ALGORITHM);
    out.put("sender_key", ctx.curve25519());
    out.put("ciphertext", ciphertext);
    out.put("session_id", s.sessionId());
    out.put("device_id", ctx.deviceId);
    return out;
  }
}
