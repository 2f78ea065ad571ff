package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.engine.PkMessage;
import cd.chatrix.crypto.engine.SecretBox;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class KeyBackupTest {
  private static final String ROOM = "!room:test";
  private static final String BOT = "@bot:test";
  private static final String BOB = "@bob:test";
  private final MachineFixtures f = new MachineFixtures();

  @Test
  void everyRoomKeyIsBackedUpEncryptedAndRestorableWithTheBackupKey() {
    var store = new InMemoryCryptoStore();
    PickleKey pickleKey = PickleKey.random();
    OlmMachine bot = f.machine(BOT, "BOTDEV", store, pickleKey);
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    String publicKey = bot.enableKeyBackup();
    assertThat(bot.enableKeyBackup()).isEqualTo(publicKey);
    f.relay.settle();
    assertThat(bot.keyBackupVersion()).contains("1");
    JsonNode version = f.relay.backupVersions.getFirst();
    assertThat(version.path("algorithm").asString())
        .isEqualTo("m.megolm_backup.v1.curve25519-aes-sha2");
    assertThat(version.path("auth_data").path("public_key").asString()).isEqualTo(publicKey);
    JsonNode authData = version.path("auth_data");
    String sig = authData.path("signatures").path(BOT).path("ed25519:BOTDEV").asString();
    assertThat(
            MachineFixtures.ENGINE.verifyEd25519(
                bot.ed25519Key(), CanonicalJson.signable(authData), sig))
        .isTrue();

    ObjectNode fromBob =
        f.send(
            bob,
            ROOM,
            List.of(BOT, BOB),
            RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES),
            "back me up");
    f.relay.settle();
    String sessionId = fromBob.path("content").path("session_id").asString();
    JsonNode entry = f.relay.backup.get(ROOM + "|" + sessionId);
    assertThat(entry).as("Bob's session in the backup").isNotNull();
    assertThat(entry.path("first_message_index").asInt()).isZero();
    assertThat(entry.toString()).doesNotContain("session_key");

    // Restore as a fresh install would: open the sealed backup key and read the entry.
    byte[] secret =
        SecretBox.open(store.value("backup_private_key").orElseThrow(), pickleKey, "backup key");
    JsonNode data;
    try (var pk = MachineFixtures.ENGINE.pkDecryptionFromSecret(secret)) {
      JsonNode sd = entry.path("session_data");
      data =
          CanonicalJson.parse(
              pk.decrypt(
                  new PkMessage(
                      sd.path("ciphertext").asString(),
                      sd.path("mac").asString(),
                      sd.path("ephemeral").asString())));
    }
    assertThat(data.path("sender_key").asString()).isEqualTo(bob.curve25519Key());
    assertThat(data.path("sender_claimed_keys").path("ed25519").asString())
        .isEqualTo(bob.ed25519Key());
    try (InboundGroupSession restored =
        MachineFixtures.ENGINE.importInboundGroupSession(data.path("session_key").asString())) {
      String plain =
          restored.decrypt(fromBob.path("content").path("ciphertext").asString()).plaintext();
      assertThat(CanonicalJson.parse(plain).path("content").path("body").asString())
          .isEqualTo("back me up");
    }

    // Nothing is uploaded twice.
    int uploads =
        (int)
            f.relay.log.stream().filter(OutgoingRequest.BackupKeysUpload.class::isInstance).count();
    f.relay.settle();
    assertThat(
            f.relay.log.stream().filter(OutgoingRequest.BackupKeysUpload.class::isInstance).count())
        .isEqualTo(uploads);
  }

  @Test
  void aFreshInstallRestoresHistoryWithTheRecoveryKey() {
    OlmMachine bot = f.machine(BOT, "BOTDEV");
    OlmMachine bob = f.machine(BOB, "BOBDEV");
    f.relay.settle();
    bot.enableKeyBackup();
    f.relay.settle();
    ObjectNode old =
        f.send(
            bob,
            ROOM,
            List.of(BOT, BOB),
            RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES),
            "history");
    f.relay.settle();
    String recoveryKey = bot.keyBackupRecoveryKey().orElseThrow();
    bot.close();

    OlmMachine reinstalled = f.machine(BOT, "NEWDEV");
    f.relay.settle();
    List<LateDecryption> late = new java.util.ArrayList<>();
    reinstalled.onLateDecryption(late::add);
    assertThat(reinstalled.decrypt(ROOM, old)).isInstanceOf(DecryptionResult.MissingKey.class);
    ObjectNode rooms = CanonicalJson.object();
    f.relay.backup.forEach((key, entry) -> {
      String[] parts = key.split("\\|");
      ObjectNode room =
          rooms.has(parts[0]) ? (ObjectNode) rooms.get(parts[0]) : rooms.putObject(parts[0]);
      ObjectNode sessions =
          room.has("sessions") ? (ObjectNode) room.get("sessions") : room.putObject("sessions");
      sessions.set(parts[1], entry);
    });
    ObjectNode response = CanonicalJson.object();
    response.set("rooms", rooms);

    assertThat(reinstalled.restoreKeyBackup(recoveryKey, response)).isPositive();
    assertThat(late)
        .singleElement()
        .satisfies(l -> {
          assertThat(l.result().content().path("body").asString()).isEqualTo("history");
          assertThat(l.result().trust()).isEqualTo(SenderTrust.UNAUTHENTICATED);
        });
  }
}
