package cd.chatrix.crypto.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.DeviceListChanges;
import cd.chatrix.crypto.EncryptionResult;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.RoomEncryptionSettings;
import cd.chatrix.crypto.SenderTrust;
import cd.chatrix.crypto.TrustPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole machine against a libolm device (the crypto a matrix-nio client uses): our to-device
 * room key and Megolm event are read by libolm, and libolm's are read by us. The test answers the
 * machine's key requests the way a homeserver would.
 */
class MachineLibOlmInteropTest {
  private static final String BOT = BotBesideLibOlm.BOT;
  private static final String PY = "@nio:test";
  private static final String ROOM = "!enc:test";

  private BotBesideLibOlm peers;
  private LibOlmOracle libolm;
  private OlmMachine bot;
  private ObjectNode botDeviceKeys;
  private final Map<String, JsonNode> botOneTimeKeys = new java.util.LinkedHashMap<>();

  @BeforeEach
  void setUp() {
    peers = new BotBesideLibOlm(PY, "NIO", this::answer);
    libolm = peers.libolm;
    bot = peers.bot;
    peers.serve();
  }

  @AfterEach
  void tearDown() {
    peers.close();
  }

  private JsonNode answer(OutgoingRequest r) {
    ObjectNode resp = CanonicalJson.object();
    switch (r) {
      case OutgoingRequest.KeysUpload u -> {
        if (u.body().has("device_keys")) {
          botDeviceKeys = (ObjectNode) u.body().get("device_keys");
        }
        u.body()
            .path("one_time_keys")
            .properties()
            .forEach(e -> botOneTimeKeys.put(e.getKey(), e.getValue()));
        resp.putObject("one_time_key_counts").put("signed_curve25519", botOneTimeKeys.size());
      }
      case OutgoingRequest.KeysQuery q -> {
        ObjectNode keys = resp.putObject("device_keys");
        if (q.body().path("device_keys").has(PY)) {
          keys.putObject(PY).set("NIO", peers.device.get("device_keys"));
        }
        if (q.body().path("device_keys").has(BOT)) {
          keys.putObject(BOT).set("BOTDEV", botDeviceKeys);
        }
      }
      case OutgoingRequest.KeysClaim c ->
          resp.putObject("one_time_keys")
              .putObject(PY)
              .set("NIO", peers.device.get("one_time_keys"));
      case OutgoingRequest.ToDevice _ -> {} // BotBesideLibOlm keeps it
      default -> {}
    }
    return resp;
  }

  @Test
  void libolmAcceptsOurDeviceAndOneTimeKeySignatures() {
    ObjectNode unicodeName = botDeviceKeys.deepCopy();
    unicodeName.putObject("unsigned").put("device_display_name", "Bot 🤖 Ünïcode");
    for (JsonNode signed :
        List.of(botDeviceKeys, unicodeName, botOneTimeKeys.values().iterator().next())) {
      ObjectNode req =
          libolm
              .request("verify_signed")
              .put("user_id", BOT)
              .put("key_id", "BOTDEV")
              .put("ed25519", bot.ed25519Key());
      req.set("object", signed);
      assertThat(libolm.call(req).get("valid").asBoolean()).isTrue();
    }
    ObjectNode tampered = botDeviceKeys.deepCopy().put("device_id", "EVIL");
    ObjectNode req =
        libolm
            .request("verify_signed")
            .put("user_id", BOT)
            .put("key_id", "BOTDEV")
            .put("ed25519", bot.ed25519Key());
    req.set("object", tampered);
    assertThat(libolm.call(req).get("valid").asBoolean()).isFalse();
  }

  @Test
  void libolmReadsOurRoomKeyAndRoomMessage() {
    ObjectNode content =
        CanonicalJson.object().put("msgtype", "m.text").put("body", "task 42 finished");
    EncryptionResult result = null;
    for (int i = 0; i < 5 && !(result instanceof EncryptionResult.Encrypted); i++) {
      result =
          bot.encrypt(
              ROOM,
              List.of(BOT, PY),
              RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES),
              "m.room.message",
              content);
      peers.serve();
    }
    assertThat(result).isInstanceOf(EncryptionResult.Encrypted.class);
    JsonNode encrypted = ((EncryptionResult.Encrypted) result).content();

    OutgoingRequest.ToDevice share =
        peers.sent.stream()
            .filter(t -> t.eventType().equals("m.room.encrypted"))
            .findFirst()
            .orElseThrow();
    JsonNode toDevice = share.body().path("messages").path(PY).path("NIO");
    JsonNode payload =
        libolm.call(libolm.request("olm_decrypt_event").set("content", toDevice)).get("payload");
    assertThat(payload.path("type").asString()).isEqualTo("m.room_key");
    assertThat(payload.path("sender").asString()).isEqualTo(BOT);
    assertThat(payload.path("recipient").asString()).isEqualTo(PY);
    assertThat(payload.path("keys").path("ed25519").asString()).isEqualTo(bot.ed25519Key());
    JsonNode roomKey = payload.path("content");
    assertThat(roomKey.path("room_id").asString()).isEqualTo(ROOM);

    libolm.call(
        libolm.request("group_inbound").put("session_key", roomKey.path("session_key").asString()));
    JsonNode clear =
        libolm.call(
            libolm
                .request("group_decrypt")
                .put("session_id", encrypted.path("session_id").asString())
                .put("ciphertext", encrypted.path("ciphertext").asString()));
    JsonNode event = CanonicalJson.parse(clear.path("plaintext").asString());
    assertThat(event.path("room_id").asString()).isEqualTo(ROOM);
    assertThat(event.path("content").path("body").asString()).isEqualTo("task 42 finished");
  }

  @Test
  void weReadLibolmsRoomKeyAndRoomMessage() {
    String otkId = botOneTimeKeys.keySet().iterator().next();
    JsonNode group = libolm.call(libolm.request("group_outbound"));
    ObjectNode roomKey = CanonicalJson.object();
    roomKey.put("algorithm", "m.megolm.v1.aes-sha2");
    roomKey.put("room_id", ROOM);
    roomKey.put("session_id", group.get("session_id").asString());
    roomKey.put("session_key", group.get("session_key").asString());
    ObjectNode req = libolm.request("olm_encrypt_event");
    req.put("recipient_user", BOT)
        .put("recipient_device", "BOTDEV")
        .put("recipient_curve", bot.curve25519Key())
        .put("recipient_ed", bot.ed25519Key())
        .put("one_time_key", botOneTimeKeys.get(otkId).path("key").asString())
        .put("sender_user", PY)
        .put("sender_device", "NIO")
        .put("type", "m.room_key");
    req.set("content", roomKey);
    JsonNode olmContent = libolm.call(req).get("content");
    ObjectNode toDevice = CanonicalJson.object().put("type", "m.room.encrypted").put("sender", PY);
    toDevice.set("content", olmContent);
    bot.receiveSyncChanges(List.of(toDevice), DeviceListChanges.NONE, Map.of(), Optional.empty());

    ObjectNode plain = CanonicalJson.object().put("type", "m.room.message").put("room_id", ROOM);
    plain.putObject("content").put("msgtype", "m.text").put("body", "!cd run deploy");
    String ciphertext =
        libolm
            .call(
                libolm
                    .request("group_encrypt")
                    .put("session_id", group.get("session_id").asString())
                    .put("plaintext", CanonicalJson.encode(plain)))
            .get("ciphertext")
            .asString();
    ObjectNode event =
        CanonicalJson.object()
            .put("type", "m.room.encrypted")
            .put("sender", PY)
            .put("event_id", "$nio1")
            .put("room_id", ROOM);
    event
        .putObject("content")
        .put("algorithm", "m.megolm.v1.aes-sha2")
        .put("sender_key", olmContent.get("sender_key").asString())
        .put("ciphertext", ciphertext)
        .put("session_id", group.get("session_id").asString())
        .put("device_id", "NIO");

    DecryptionResult result = bot.decrypt(ROOM, event);
    assertThat(result)
        .isInstanceOfSatisfying(
            DecryptionResult.Decrypted.class,
            d -> {
              assertThat(d.content().path("body").asString()).isEqualTo("!cd run deploy");
              assertThat(d.senderDeviceId()).contains("NIO");
              assertThat(d.trust()).isEqualTo(SenderTrust.UNVERIFIED);
            });
  }
}
