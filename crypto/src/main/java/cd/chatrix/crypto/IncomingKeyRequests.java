package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code m.room_key_request}s, the way matrix-rust-sdk's key forwarding decides:
 *
 * <ul>
 *   <li>our own verified devices get any room key we hold, from its first known index, as {@code
 *       m.forwarded_room_key};
 *   <li>any other device gets only the key of the room's <em>current</em> outbound session of ours,
 *       only if that very device (same identity key) was sent it, only if the trust policy still
 *       lets it have keys, and only from the index it was first sent. It gets the same signed
 *       {@code m.room_key} it missed: matrix-nio and matrix-rust-sdk accept forwarded keys only
 *       from their owner's own verified devices, but take an {@code m.room_key} over Olm from
 *       anyone, and we are that session's creator.
 * </ul>
 *
 * Requests are collected during a sync and answered after it, so a request withdrawn in the same
 * sync is never answered; one that waits for an Olm session is dropped when withdrawn later. {@link
 * AnswerLimits} bounds what a device can make us send.
 */
final class IncomingKeyRequests {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingKeyRequests.class);

  /** Requests taken from one sync at most; the rest are dropped (the device can ask again). */
  static final int PER_SYNC = 1000;

  /** Requests waiting for an Olm session at most. */
  static final int WAITING = 256;

  private final MachineContext ctx;
  private final OlmSessions sessions;
  private final OlmEncrypt olm;
  private final RoomKeySharing sharing;
  private final SharedRoomKeys shares;
  private final AnswerLimits limits = new AnswerLimits();

  /** Requests of the current sync, by device and request id. */
  private final Map<String, Request> pending = new LinkedHashMap<>();

  /** Requests that wait for an Olm session with their device, by device and session. */
  private final Map<String, Request> waitingForSession = new LinkedHashMap<>();

  private boolean droppedThisSync;

  IncomingKeyRequests(
      MachineContext ctx,
      OlmSessions sessions,
      OlmEncrypt olm,
      RoomKeySharing sharing,
      SharedRoomKeys shares) {
    this.ctx = ctx;
    this.sessions = sessions;
    this.olm = olm;
    this.sharing = sharing;
    this.shares = shares;
  }

  /** One request for a Megolm key, as read from the event. */
  record Request(
      String sender, String deviceId, String requestId, String roomId, String sessionId) {
    String device() {
      return sender + "|" + deviceId;
    }

    String deviceAndSession() {
      return device() + "|" + roomId + "|" + sessionId;
    }

    String deviceAndRequestId() {
      return device() + "|" + requestId;
    }
  }

  /** Files a request or a withdrawal from a {@code m.room_key_request} event. */
  void onEvent(String sender, JsonNode content) {
    String deviceId = content.path("requesting_device_id").asString("");
    String requestId = content.path("request_id").asString("");
    if (sender.isEmpty()
        || deviceId.isEmpty()
        || requestId.isEmpty()
        || (sender.equals(ctx.userId) && deviceId.equals(ctx.deviceId))) {
      return;
    }
    switch (content.path("action").asString("")) {
      case "request_cancellation" -> cancel(sender + "|" + deviceId + "|" + requestId);
      case "request" -> file(sender, deviceId, requestId, content.path("body"));
      default -> {}
    }
  }

  private void file(String sender, String deviceId, String requestId, JsonNode body) {
    String roomId = body.path("room_id").asString("");
    String sessionId = body.path("session_id").asString("");
    if (!MachineContext.MEGOLM_ALGORITHM.equals(body.path("algorithm").asString(""))
        || roomId.isEmpty()
        || sessionId.isEmpty()) {
      return;
    }
    Request r = new Request(sender, deviceId, requestId, roomId, sessionId);
    if (pending.size() >= PER_SYNC) {
      if (!droppedThisSync) {
        LOG.warn("More than {} room-key requests in one sync; the rest are ignored", PER_SYNC);
        droppedThisSync = true;
      }
      return;
    }
    pending.put(r.deviceAndRequestId(), r);
  }

  private void cancel(String deviceAndRequestId) {
    limits.cancelled(deviceAndRequestId);
    pending.remove(deviceAndRequestId);
    waitingForSession.values().removeIf(r -> r.deviceAndRequestId().equals(deviceAndRequestId));
  }

  /** Answers what the sync brought, once all of it (withdrawals included) is read. */
  void answerPending() {
    List<Request> requests = List.copyOf(pending.values());
    pending.clear();
    droppedThisSync = false;
    requests.forEach(this::answer);
  }

  /**
   * Answers requests that were waiting for an Olm session. Those whose device had no key to claim
   * are dropped rather than retried forever; the device can ask again.
   */
  void retryWaiting() {
    List<Request> waiting = List.copyOf(waitingForSession.values());
    waitingForSession.clear();
    for (Request r : waiting) {
      Device d = ctx.store.devices(r.sender()).get(r.deviceId());
      if (d != null && !sessions.isUnreachable(d)) {
        answer(r);
      }
    }
  }

  private void answer(Request r) {
    if (limits.isDone(r.deviceAndRequestId())) {
      return;
    }
    Device device = ctx.store.devices(r.sender()).get(r.deviceId());
    if (device == null) {
      refuse(r, "unknown device", "it is not a device we know");
      return;
    }
    boolean ownVerified = r.sender().equals(ctx.userId) && device.isVerified();
    Optional<Runnable> send = ownVerified ? forwardToOwn(r, device) : reshare(r, device);
    if (send.isEmpty()) {
      return;
    }
    if (!limits.mayAnswer(r.deviceAndSession(), ctx.now())) {
      refuse(r, "too soon", "it was answered in the last few minutes");
      return;
    }
    if (!sessions.hasSession(device)) {
      if (sessions.isUnreachable(device)) {
        refuse(r, "no olm", "no one-time key could be claimed for it");
        return;
      }
      // Answer once a session exists: claim a key for that device first.
      waitingForSession.remove(r.deviceAndSession());
      waitingForSession.put(r.deviceAndSession(), r);
      while (waitingForSession.size() > WAITING) {
        waitingForSession.remove(waitingForSession.keySet().iterator().next());
      }
      sessions.want(device);
      return;
    }
    send.get().run();
    limits.answered(r.deviceAndSession(), r.deviceAndRequestId(), ctx.now());
  }

  /** Any key we hold, from its first known index, for our own verified device. */
  private Optional<Runnable> forwardToOwn(Request r, Device device) {
    Optional<StoredInboundGroupSession> stored =
        ctx.store.inboundGroupSession(r.roomId(), r.sessionId());
    if (stored.isEmpty()) {
      LOG.debug("Our device {} asked for a room key we do not have", r.deviceId());
      return Optional.empty();
    }
    StoredInboundGroupSession s = stored.get();
    return Optional.of(() -> {
      try (InboundGroupSession session =
          ctx.engine.unpickleInboundGroupSession(s.pickle(), ctx.pickleKey)) {
        ObjectNode forward = CanonicalJson.object();
        forward.put("algorithm", MachineContext.MEGOLM_ALGORITHM);
        forward.put("room_id", s.roomId());
        forward.put("session_id", s.sessionId());
        forward.put("sender_key", s.senderKey());
        forward.put("sender_claimed_ed25519_key", s.signingKey());
        forward.put("session_key", session.exportAt(session.firstKnownIndex()));
        forward.putArray("forwarding_curve25519_key_chain");
        olm.queue(List.of(device), "m.forwarded_room_key", forward);
        if (limits.firstTime(r.deviceAndSession(), "answered")) {
          LOG.info(
              "Forwarded the key of session {} in {} to our own device {}",
              r.sessionId(),
              r.roomId(),
              r.deviceId());
        }
      }
    });
  }

  /** Our current session's key, as this very device was first sent it, if it may still have it. */
  private Optional<Runnable> reshare(Request r, Device device) {
    boolean ours =
        ctx.store
            .outboundGroupSession(r.roomId())
            .filter(s -> s.sessionId().equals(r.sessionId()))
            .isPresent();
    if (!ours) {
      // Sessions of other senders, of other rooms, or that we no longer send with: not ours to
      // give. Common and harmless, so not worth a line per device at info.
      LOG.debug(
          "Not answering {}'s key request for session {}: not our current session in {}",
          r.sender(),
          r.sessionId(),
          r.roomId());
      return Optional.empty();
    }
    if (device.trust() == LocalTrust.BLOCKED) {
      refuse(r, "blocked", "the device is blocked");
      return Optional.empty();
    }
    return switch (shares.lookup(r.roomId(), r.sessionId(), device)) {
      case SharedRoomKeys.Lookup.NotShared n -> {
        refuse(r, "not shared", "it was never sent this key");
        yield Optional.empty();
      }
      case SharedRoomKeys.Lookup.OtherIdentity o -> {
        refuse(r, "other identity", "the key went to a device of that id with other keys");
        yield Optional.empty();
      }
      case SharedRoomKeys.Lookup.Shared s when !MegolmEncrypt.isAllowed(device, s.policy()) -> {
        refuse(r, "unverified", "the trust policy wants verified devices and it is not");
        yield Optional.empty();
      }
      case SharedRoomKeys.Lookup.Shared s ->
          Optional.of(() -> {
            sharing.reshareRoomKey(device, r.roomId(), r.sessionId(), s.sessionKey());
            if (limits.firstTime(r.deviceAndSession(), "answered")) {
              LOG.info(
                  "Sent the key of our session {} in {} again to {}'s device {}, from message {}"
                      + " as before (it asked for it)",
                  r.sessionId(),
                  r.roomId(),
                  r.sender(),
                  r.deviceId(),
                  s.index());
            }
          });
    };
  }

  private void refuse(Request r, String outcome, String why) {
    if (limits.firstTime(r.deviceAndSession(), outcome)) {
      LOG.info(
          "Not sending the key of session {} in {} to {}'s device {}: {}",
          r.sessionId(),
          r.roomId(),
          r.sender(),
          r.deviceId(),
          why);
    }
  }
}
