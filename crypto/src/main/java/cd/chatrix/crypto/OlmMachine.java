package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.VerificationStatus;
import cd.chatrix.crypto.verification.Verifications;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end encryption for one Matrix device, without any I/O. Feed it each {@code /sync} ({@link
 * #receiveSyncChanges}), send what {@link #outgoingRequests()} lists and report each answer with
 * {@link #markRequestAsSent}; encrypt and decrypt room events in between. All state goes through
 * the {@link CryptoStore}, so a restart with the same store and pickle key resumes the same device.
 * Methods are synchronized: one sync loop and any number of senders may share an instance.
 */
public final class OlmMachine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OlmMachine.class);

  private final MachineContext ctx;
  private final KeyUpload keyUpload;
  private final CrossSigningTrust crossSigningTrust;
  private final DeviceTracker devices;
  private final OlmSessions olmSessions;
  private final OlmEncrypt olmEncrypt;
  private final OlmDecrypt olmDecrypt;
  private final RoomKeySharing roomKeys;
  private final KeyRequests keyRequests;
  private final IncomingKeyRequests incomingKeyRequests;
  private final MegolmEncrypt megolmEncrypt;
  private final MegolmDecrypt megolmDecrypt;
  private final CrossSigning crossSigning;
  private final Verifications verifications;
  private final KeyBackup keyBackup;
  private final ToDeviceRouter router;
  private final List<Consumer<LateDecryption>> lateListeners = new CopyOnWriteArrayList<>();

  public OlmMachine(
      String userId, String deviceId, CryptoEngine engine, CryptoStore store, PickleKey pickleKey) {
    this(userId, deviceId, engine, store, pickleKey, InstantSource.system());
  }

  public OlmMachine(
      String userId,
      String deviceId,
      CryptoEngine engine,
      CryptoStore store,
      PickleKey pickleKey,
      InstantSource clock) {
    this.ctx = new MachineContext(userId, deviceId, engine, store, pickleKey, clock);
    this.keyUpload = new KeyUpload(ctx);
    this.crossSigningTrust = new CrossSigningTrust(ctx);
    this.devices = new DeviceTracker(ctx, crossSigningTrust);
    this.olmSessions = new OlmSessions(ctx);
    this.olmEncrypt = new OlmEncrypt(ctx, olmSessions);
    this.olmDecrypt = new OlmDecrypt(ctx, olmSessions, devices);
    SharedRoomKeys sharedRoomKeys = new SharedRoomKeys(ctx);
    this.roomKeys = new RoomKeySharing(ctx, olmEncrypt, sharedRoomKeys);
    this.keyRequests = new KeyRequests(ctx, roomKeys);
    this.incomingKeyRequests =
        new IncomingKeyRequests(ctx, olmSessions, olmEncrypt, roomKeys, sharedRoomKeys);
    this.megolmEncrypt = new MegolmEncrypt(ctx, devices, olmSessions, roomKeys, sharedRoomKeys);
    this.megolmDecrypt = new MegolmDecrypt(ctx, roomKeys, keyRequests, devices);
    this.crossSigning = new CrossSigning(ctx, keyUpload);
    this.keyBackup = new KeyBackup(ctx);
    this.verifications =
        new Verifications(new MachineVerificationPort(ctx, devices, this::crossSignUser));
    this.router =
        new ToDeviceRouter(olmDecrypt, roomKeys, keyRequests, incomingKeyRequests, verifications);
    // Our own other devices must get room keys too.
    devices.track(List.of(userId));
  }

  public String userId() {
    return ctx.userId;
  }

  public String deviceId() {
    return ctx.deviceId;
  }

  /** Our Curve25519 identity key (unpadded base64). */
  public String curve25519Key() {
    return ctx.curve25519();
  }

  /** Our Ed25519 fingerprint key (unpadded base64), as shown in verification and device lists. */
  public String ed25519Key() {
    return ctx.ed25519();
  }

  /**
   * One-time keys this device published that no pre-key message has used yet: what the homeserver
   * should hold for it (its {@code device_one_time_keys_count}), claims still in flight aside.
   */
  public synchronized int publishedOneTimeKeyCount() {
    return ctx.account.storedOneTimeKeyCount() - ctx.account.oneTimeKeys().size();
  }

  /**
   * Processes one {@code /sync} response's crypto parts.
   *
   * @param toDeviceEvents {@code to_device.events}
   * @param deviceLists {@code device_lists}
   * @param oneTimeKeyCounts {@code device_one_time_keys_count}
   * @param unusedFallbackKeyTypes {@code device_unused_fallback_key_types}; empty when the server
   *     omits it (then no fallback key is rotated)
   * @return to-device events the machine did not consume (verification and the like), decrypted
   */
  public synchronized List<ToDeviceEvent> receiveSyncChanges(
      List<JsonNode> toDeviceEvents,
      DeviceListChanges deviceLists,
      Map<String, Integer> oneTimeKeyCounts,
      Optional<List<String>> unusedFallbackKeyTypes) {
    devices.onDeviceListChanges(deviceLists.changed(), deviceLists.left());
    keyUpload.onSyncCounts(oneTimeKeyCounts, unusedFallbackKeyTypes);
    List<ToDeviceEvent> passedOn = new ArrayList<>();
    Map<String, RoomKeySharing.NewSession> newSessions = new LinkedHashMap<>();
    for (JsonNode event : toDeviceEvents) {
      try {
        router.route(event, passedOn, newSessions);
      } catch (RuntimeException e) {
        // One bad event must not block the rest of the sync.
        LOG.warn(
            "Skipping a to-device event of type {}: {}",
            event.path("type").asString("?"),
            e.getMessage());
      }
    }
    deliverLate(newSessions.values());
    incomingKeyRequests.answerPending();
    return passedOn;
  }

  /** New keys are here: withdraw their requests and hand waiting events to the listeners. */
  private void deliverLate(Collection<RoomKeySharing.NewSession> sessions) {
    for (RoomKeySharing.NewSession s : sessions) {
      keyRequests.onKeyArrived(s.roomId(), s.sessionId());
      for (LateDecryption late : megolmDecrypt.retry(s.roomId(), s.sessionId())) {
        lateListeners.forEach(l -> l.accept(late));
      }
    }
  }

  /**
   * Requests to send now. The same unacknowledged requests are returned again until marked sent or
   * failed, so a crash between send and acknowledgement re-sends rather than loses them (the server
   * deduplicates to-device sends by transaction id).
   */
  public synchronized List<OutgoingRequest> outgoingRequests() {
    keyUpload.maybeQueue();
    devices.maybeQueue();
    olmSessions.maybeQueue();
    keyBackup.maybeQueue();
    return ctx.requests.all();
  }

  /** Reports the server's answer to a request from {@link #outgoingRequests()}. */
  public synchronized void markRequestAsSent(String requestId, JsonNode response) {
    Optional<OutgoingRequest> removed = ctx.requests.remove(requestId);
    if (removed.isEmpty()) {
      LOG.debug("Ignoring an acknowledgement for unknown request {}", requestId);
      return;
    }
    switch (removed.get()) {
      case OutgoingRequest.KeysUpload r -> keyUpload.onUploaded(r, response);
      case OutgoingRequest.KeysQuery r -> devices.onQueryResponse(r, response);
      case OutgoingRequest.KeysClaim r -> {
        Map<String, Device> dummies = olmSessions.onClaimResponse(r, response);
        if (!dummies.isEmpty()) {
          olmEncrypt.queue(dummies.values(), "m.dummy", CanonicalJson.object());
        }
        incomingKeyRequests.retryWaiting();
      }
      case OutgoingRequest.ToDevice r -> megolmEncrypt.onDelivered(r.id());
      case OutgoingRequest.SignatureUpload r -> LOG.debug("Signatures uploaded");
      case OutgoingRequest.BackupVersionCreate r -> keyBackup.onVersionCreated(response);
      case OutgoingRequest.BackupKeysUpload r -> keyBackup.onKeysUploaded();
      case OutgoingRequest.SigningKeysUpload r -> {
        crossSigning.onSigningKeysUploaded();
        // Our own identity changed: re-read our device list so this device counts as signed.
        devices.onDeviceListChanges(List.of(ctx.userId), List.of());
      }
    }
  }

  /**
   * Reports that a request failed for good (after the caller's own retries). Its work is undone or
   * rescheduled: device lists stay outdated, a lost room-key delivery makes the room use a new key.
   */
  public synchronized void markRequestAsFailed(String requestId) {
    ctx.requests
        .remove(requestId)
        .ifPresent(request -> {
          switch (request) {
            case OutgoingRequest.KeysQuery r -> devices.onQueryFailed();
            case OutgoingRequest.KeysClaim r -> olmSessions.onClaimFailed(r);
            case OutgoingRequest.ToDevice r -> megolmEncrypt.onDeliveryFailed(r.id());
            case OutgoingRequest.BackupKeysUpload r -> keyBackup.onKeysUploadFailed();
            default -> LOG.debug("Request {} failed; it will be rebuilt when needed", requestId);
          }
        });
  }

  /** Follows these users' device lists from now on (members of encrypted rooms). */
  public synchronized void updateTrackedUsers(Collection<String> users) {
    devices.track(users);
  }

  /**
   * Encrypts a room event for the given members. Returns {@link EncryptionResult.NeedsRequests}
   * until device lists, Olm sessions and the room key's delivery are settled: then send {@link
   * #outgoingRequests()}, acknowledge them, and call again.
   */
  public synchronized EncryptionResult encrypt(
      String roomId,
      Collection<String> members,
      RoomEncryptionSettings settings,
      String eventType,
      JsonNode content) {
    return megolmEncrypt.encrypt(roomId, members, settings, eventType, content);
  }

  /**
   * Decrypts an {@code m.room.encrypted} room event (the whole event, with event_id and sender). A
   * missing key is requested and the event queued for {@link #onLateDecryption} listeners.
   */
  public synchronized DecryptionResult decrypt(String roomId, JsonNode event) {
    return megolmDecrypt.decrypt(roomId, event);
  }

  /**
   * Registers a listener for events that become decryptable after their key arrives. Listeners run
   * on the thread that fed the sync, while the machine is locked: hand the event to the room's
   * executor rather than doing slow work there.
   */
  public void onLateDecryption(Consumer<LateDecryption> listener) {
    lateListeners.add(listener);
  }

  /** A member left or was kicked: the next room message uses a fresh key. */
  public synchronized void onMemberLeft(String roomId, String userId) {
    megolmEncrypt.onMemberLeft(roomId, userId);
  }

  /** Forces a new Megolm session for the room's next message. */
  public synchronized void discardRoomKey(String roomId) {
    megolmEncrypt.discard(roomId, "requested by the caller");
  }

  /** The verified-by-signature devices we know for a user. */
  public synchronized List<Device> devices(String userId) {
    return List.copyOf(ctx.store.devices(userId).values());
  }

  /** Records an operator's or a verification's decision about a device. */
  public synchronized boolean setLocalTrust(String userId, String deviceId, LocalTrust trust) {
    Map<String, Device> known = new LinkedHashMap<>(ctx.store.devices(userId));
    Device d = known.get(deviceId);
    if (d == null) {
      return false;
    }
    known.put(deviceId, d.withTrust(trust));
    ctx.store.saveDevices(userId, known);
    return true;
  }

  /** Trusts a user's current cross-signing identity, so the devices it signed count as verified. */
  public synchronized boolean trustIdentity(String userId) {
    boolean found = crossSigningTrust.trustIdentity(userId);
    if (found) {
      Map<String, Device> refreshed = new LinkedHashMap<>();
      ctx.store
          .devices(userId)
          .forEach(
              (id, d) -> refreshed.put(id, d.withCrossSigned(crossSigningTrust.isCrossSigned(d))));
      ctx.store.saveDevices(userId, refreshed);
    }
    return found;
  }

  /**
   * Creates this bot's cross-signing identity if it has none and queues its upload ({@link
   * OutgoingRequest.SigningKeysUpload}, which needs user-interactive auth on most servers), then
   * the self-signature of this device. Returns the master public key.
   */
  public synchronized String bootstrapCrossSigning() {
    return crossSigning.bootstrap();
  }

  /** Our cross-signing master public key, once bootstrapped. */
  public synchronized Optional<String> crossSigningMasterKey() {
    return crossSigning.masterKey();
  }

  /**
   * Vouches for a verified user: trusts their current master key (from our last {@code
   * /keys/query}) and, when we have a cross-signing identity, signs it with our user-signing key so
   * our other clients trust them too. False when we know no master key for them.
   */
  public synchronized boolean crossSignUser(String userId) {
    Optional<JsonNode> master = crossSigningTrust.masterKeyJson(userId);
    if (master.isEmpty()) {
      return false;
    }
    trustIdentity(userId);
    if (crossSigning.masterKey().isPresent() && !userId.equals(ctx.userId)) {
      crossSigning.signUser(userId, master.get());
    }
    return true;
  }

  /**
   * Asks a device to verify with us by SAS ({@code m.sas.v1}); the bot starts the key exchange once
   * the device is ready. Returns the transaction id used by the other verification methods.
   */
  public synchronized String requestVerification(String userId, String deviceId) {
    return verifications.request(userId, deviceId);
  }

  /**
   * Starts SAS with a device directly, without a request first: for clients that predate
   * verification requests, such as matrix-nio 0.20. Returns the transaction id.
   */
  public synchronized String startSasVerification(String userId, String deviceId) {
    return verifications.startWithoutRequest(userId, deviceId);
  }

  /** Accepts a verification another device requested. */
  public synchronized void acceptVerification(String transactionId) {
    verifications.accept(transactionId);
  }

  /** The operator compared the emoji or numbers and they match. */
  public synchronized void confirmVerification(String transactionId) {
    verifications.confirm(transactionId);
  }

  /** Cancels a verification; {@code mismatch} when the strings differed. */
  public synchronized void cancelVerification(String transactionId, boolean mismatch) {
    verifications.cancel(transactionId, mismatch);
  }

  public synchronized Optional<VerificationStatus> verification(String transactionId) {
    return verifications.status(transactionId);
  }

  public synchronized List<VerificationStatus> verifications() {
    return verifications.all();
  }

  /**
   * Turns on server-side key backup: creates a backup key (kept sealed in the store) and queues the
   * backup version's creation; every room key is then uploaded encrypted to it. Returns the backup
   * public key.
   */
  public synchronized String enableKeyBackup() {
    return keyBackup.enable();
  }

  /**
   * The backup key as a recovery key (the same format other Matrix clients accept). Show it to the
   * operator once, to keep offline: without it, a lost store means lost history.
   */
  public synchronized Optional<String> keyBackupRecoveryKey() {
    return keyBackup.recoveryKey();
  }

  /**
   * Imports room keys from a {@code GET /_matrix/client/v3/room_keys/keys?version=...} answer with
   * the recovery key; events waiting for those keys are delivered to late-decryption listeners.
   * Returns how many sessions were imported.
   */
  public synchronized int restoreKeyBackup(String recoveryKey, JsonNode roomKeysResponse) {
    List<RoomKeySharing.NewSession> imported =
        keyBackup.restore(recoveryKey, roomKeysResponse, roomKeys);
    deliverLate(imported);
    return imported.size();
  }

  /** The backup version the server assigned, once created. */
  public synchronized Optional<String> keyBackupVersion() {
    return keyBackup.version();
  }

  @Override
  public synchronized void close() {
    ctx.account.close();
  }
}
