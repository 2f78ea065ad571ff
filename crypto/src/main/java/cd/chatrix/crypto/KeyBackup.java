package cd.chatrix.crypto;

import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.engine.PkDecryption;
import cd.chatrix.crypto.engine.PkEncryption;
import cd.chatrix.crypto.engine.PkMessage;
import cd.chatrix.crypto.engine.SecretBox;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side key backup ({@code m.megolm_backup.v1.curve25519-aes-sha2}): creates a backup version
 * whose Curve25519 key only this bot holds, then uploads every inbound group session encrypted to
 * it, in batches, re-uploading a session when a better copy replaces it.
 */
final class KeyBackup {
  static final String ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2";
  private static final String VERSION = "backup_version";
  private static final String PUBLIC = "backup_public_key";
  private static final String SECRET = "backup_private_key";
  private static final int BATCH = 100;

  private final MachineContext ctx;

  /** The sessions in the upload that is in flight, marked backed up once it is acknowledged. */
  private List<StoredInboundGroupSession> pendingBatch = new ArrayList<>();

  KeyBackup(MachineContext ctx) {
    this.ctx = ctx;
  }

  Optional<String> version() {
    return ctx.store.value(VERSION);
  }

  /** Creates the backup key and queues the version creation; returns the backup public key. */
  String enable() {
    Optional<String> existing = ctx.store.value(PUBLIC);
    if (existing.isPresent()) {
      return existing.get();
    }
    try (PkDecryption key = ctx.engine.newPkDecryption()) {
      byte[] secret = key.secretKey();
      try {
        ctx.store.saveValue(SECRET, SecretBox.seal(secret, ctx.pickleKey, "backup key"));
      } finally {
        java.util.Arrays.fill(secret, (byte) 0);
      }
      ctx.store.saveValue(PUBLIC, key.publicKey());
      ObjectNode authData = CanonicalJson.object();
      authData.put("public_key", key.publicKey());
      ctx.sign(authData);
      ObjectNode body = CanonicalJson.object();
      body.put("algorithm", ALGORITHM);
      body.set("auth_data", authData);
      ctx.requests.add(new OutgoingRequest.BackupVersionCreate(RequestQueue.newId(), body));
      return key.publicKey();
    }
  }

  void onVersionCreated(JsonNode response) {
    String version = response.path("version").asString("");
    if (!version.isEmpty()) {
      ctx.store.saveValue(VERSION, version);
      ctx.store.resetBackupState();
    }
  }

  void maybeQueue() {
    Optional<String> version = version();
    Optional<String> publicKey = ctx.store.value(PUBLIC);
    if (version.isEmpty()
        || publicKey.isEmpty()
        || ctx.requests.hasPending(OutgoingRequest.BackupKeysUpload.class)) {
      return;
    }
    List<StoredInboundGroupSession> batch = ctx.store.inboundGroupSessionsToBackUp(BATCH);
    if (batch.isEmpty()) {
      return;
    }
    ObjectNode body = CanonicalJson.object();
    ObjectNode rooms = body.putObject("rooms");
    try (PkEncryption pk = ctx.engine.pkEncryption(publicKey.get())) {
      for (StoredInboundGroupSession s : batch) {
        ObjectNode room =
            rooms.has(s.roomId())
                ? (ObjectNode) rooms.get(s.roomId())
                : rooms.putObject(s.roomId());
        ObjectNode sessions =
            room.has("sessions") ? (ObjectNode) room.get("sessions") : room.putObject("sessions");
        sessions.set(s.sessionId(), entry(s, pk));
      }
    }
    pendingBatch = batch;
    ctx.requests.add(
        new OutgoingRequest.BackupKeysUpload(RequestQueue.newId(), version.get(), body));
  }

  void onKeysUploaded() {
    ctx.store.markBackedUp(pendingBatch);
    pendingBatch = new ArrayList<>();
  }

  void onKeysUploadFailed() {
    pendingBatch = new ArrayList<>();
  }

  private ObjectNode entry(StoredInboundGroupSession s, PkEncryption pk) {
    ObjectNode data = CanonicalJson.object();
    data.put("algorithm", MachineContext.MEGOLM_ALGORITHM);
    data.put("sender_key", s.senderKey());
    try (InboundGroupSession session =
        ctx.engine.unpickleInboundGroupSession(s.pickle(), ctx.pickleKey)) {
      data.put("session_key", session.exportAt(session.firstKnownIndex()));
    }
    data.putObject("sender_claimed_keys").put("ed25519", s.signingKey());
    data.putArray("forwarding_curve25519_key_chain");
    PkMessage sealed = pk.encrypt(CanonicalJson.encode(data));
    ObjectNode entry = CanonicalJson.object();
    entry.put("first_message_index", s.firstKnownIndex());
    entry.put("forwarded_count", s.forwarded() ? 1 : 0);
    entry.put("is_verified", !s.forwarded());
    ObjectNode sessionData = entry.putObject("session_data");
    sessionData.put("ephemeral", sealed.ephemeral());
    sessionData.put("ciphertext", sealed.ciphertext());
    sessionData.put("mac", sealed.mac());
    return entry;
  }

  /** The backup key as a recovery key string, for the operator to keep offline. */
  Optional<String> recoveryKey() {
    return ctx.store
        .value(SECRET)
        .map(sealed -> {
          byte[] secret = SecretBox.open(sealed, ctx.pickleKey, "backup key");
          try {
            return RecoveryKey.encode(secret);
          } finally {
            java.util.Arrays.fill(secret, (byte) 0);
          }
        });
  }

  /**
   * Imports room keys from a {@code GET /room_keys/keys} answer, decrypted with the recovery key.
   * Restored keys count as forwarded: the backup cannot prove who created them. Returns the new
   * sessions so waiting events can be retried.
   */
  List<RoomKeySharing.NewSession> restore(
      String recoveryKey, JsonNode keysResponse, RoomKeySharing sharing) {
    byte[] secret = RecoveryKey.decode(recoveryKey);
    List<RoomKeySharing.NewSession> imported = new ArrayList<>();
    try (PkDecryption pk = ctx.engine.pkDecryptionFromSecret(secret)) {
      for (var room : keysResponse.path("rooms").properties()) {
        for (var entry : room.getValue().path("sessions").properties()) {
          JsonNode sd = entry.getValue().path("session_data");
          JsonNode data =
              CanonicalJson.parse(
                  pk.decrypt(
                      new PkMessage(
                          sd.path("ciphertext").asString(""),
                          sd.path("mac").asString(""),
                          sd.path("ephemeral").asString(""))));
          try (InboundGroupSession session =
              ctx.engine.importInboundGroupSession(data.path("session_key").asString(""))) {
            if (!session.sessionId().equals(entry.getKey())) {
              continue;
            }
            var candidate =
                new StoredInboundGroupSession(
                    room.getKey(),
                    entry.getKey(),
                    data.path("sender_key").asString(""),
                    data.path("sender_claimed_keys").path("ed25519").asString(""),
                    session.pickle(ctx.pickleKey),
                    session.firstKnownIndex(),
                    true);
            if (sharing.store(candidate)) {
              imported.add(new RoomKeySharing.NewSession(room.getKey(), entry.getKey()));
            }
          }
        }
      }
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
    return imported;
  }
}
