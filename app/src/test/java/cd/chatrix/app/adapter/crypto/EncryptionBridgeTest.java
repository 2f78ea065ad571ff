package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.crypto.AttachmentCrypto;
import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.crypto.TrustPolicy;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bot's encryption against the real test homeserver over HTTP, with crypto-capable people. */
class EncryptionBridgeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  private TestHomeserver hs;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    hs = TestHomeserver.start();
    hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    hs.close();
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private CryptoPerson person(String name) {
    return keep(new CryptoPerson(hs.registerUser(name, name + "-password")));
  }

  /** An encrypted room of {@code owner} that the bot (and the others) joined. */
  private String encryptedRoom(BotUnderTest bot, CryptoPerson owner, CryptoPerson... others) {
    List<String> invitees = new ArrayList<>(List.of(bot.userId()));
    for (CryptoPerson p : others) {
      invitees.add(p.userId());
    }
    String room =
        owner
            .user()
            .createRoom(
                CreateRoomOptions.named("secrets")
                    .withEncryption(true)
                    .withInvitees(invitees.toArray(String[]::new)));
    for (CryptoPerson p : others) {
      p.user().join(room);
    }
    await()
        .atMost(WAIT)
        .until(() -> bot.matrix.rooms().room(room).filter(RoomState::encrypted).isPresent());
    return room;
  }

  private BotUnderTest bot(Path store) {
    BotUnderTest bot = keep(BotUnderTest.start(hs, store));
    await().atMost(WAIT).until(() -> deviceKeys(bot).isPresent());
    return bot;
  }

  private Optional<JsonNode> deviceKeys(BotUnderTest bot) {
    JsonNode answer = query(bot.userId());
    JsonNode device = answer.path("device_keys").path(bot.userId()).path(bot.deviceId());
    return device.isObject() ? Optional.of(device) : Optional.empty();
  }

  private JsonNode query(String userId) {
    try (var asker = hs.registerUser("asker" + System.nanoTime(), "pw")) {
      var body = JSON.createObjectNode();
      body.putObject("device_keys").putArray(userId);
      return asker.call("POST", "/_matrix/client/v3/keys/query", body);
    }
  }

  private static Predicate<JsonNode> encryptedFrom(String sender) {
    return e ->
        e.path("type").asString("").equals("m.room.encrypted")
            && e.path("sender").asString("").equals(sender);
  }

  @Test
  void conversationInAnEncryptedRoomSurvivesARestart() throws Exception {
    CryptoPerson alice = person("alice");
    Path storeDir = dir.resolve("store");
    BotUnderTest bot = bot(storeDir);
    String room = encryptedRoom(bot, alice);
    Set<String> members = Set.of(alice.userId(), bot.userId());

    String first = alice.sendEncrypted(room, members, "!cd status");
    await().atMost(WAIT).until(() -> bot.sawMessage(first, "!cd status"));

    bot.notice(room, "all quiet");
    JsonNode reply = alice.awaitEvent(room, encryptedFrom(bot.userId()), WAIT);
    assertThat(reply.path("content").path("algorithm").asString())
        .isEqualTo("m.megolm.v1.aes-sha2");
    assertThat(alice.decrypt(room, reply, WAIT).content().path("body").asString())
        .isEqualTo("all quiet");

    String deviceBefore = bot.deviceId();
    open.remove(bot);
    bot.close();

    BotUnderTest again = bot(storeDir);
    assertThat(again.deviceId()).isEqualTo(deviceBefore);
    String second = alice.sendEncrypted(room, members, "!cd projects");
    await().atMost(WAIT).until(() -> again.sawMessage(second, "!cd projects"));
    JsonNode oldEvent =
        alice.user().timeline(room).stream()
            .filter(e -> e.path("event_id").asString("").equals(first))
            .findFirst()
            .orElseThrow();
    assertThat(again.bridge.decrypt(roomEvent(room, oldEvent)).body()).isEqualTo("!cd status");

    again.notice(room, "still here");
    JsonNode later =
        alice.awaitEvent(
            room,
            encryptedFrom(again.userId())
                .and(e -> !e.path("event_id").asString().equals(reply.path("event_id").asString())),
            WAIT);
    assertThat(alice.decrypt(room, later, WAIT).content().path("body").asString())
        .isEqualTo("still here");
  }

  private static RoomEvent roomEvent(String roomId, JsonNode raw) {
    return new RoomEvent(
        roomId,
        raw.path("event_id").asString(),
        raw.path("type").asString(),
        raw.path("sender").asString(),
        raw.path("origin_server_ts").asLong(),
        Optional.empty(),
        raw.path("content"),
        raw,
        false);
  }

  @Test
  void aMemberLeavingMakesTheNextMessageUseANewSession() throws Exception {
    CryptoPerson alice = person("alice");
    CryptoPerson bob = person("bob");
    BotUnderTest bot = bot(dir.resolve("store"));
    String room = encryptedRoom(bot, alice, bob);
    await()
        .atMost(WAIT)
        .until(() ->
            bot.matrix
                .rooms()
                .room(room)
                .map(r -> r.members().containsKey(bob.userId()))
                .orElse(false));

    bot.notice(room, "one");
    bot.notice(room, "two");
    JsonNode one = alice.awaitEvent(room, encryptedFrom(bot.userId()), WAIT);
    JsonNode two = alice.awaitEvent(room, encryptedFrom(bot.userId()).and(e -> e != one), WAIT);
    String before = sessionId(one);
    assertThat(sessionId(two)).as("no rotation without a reason").isEqualTo(before);

    bob.user().leave(room);
    await()
        .atMost(WAIT)
        .until(() ->
            bot.events.stream()
                .anyMatch(e ->
                    e.type().equals("m.room.member")
                        && e.stateKey().orElse("").equals(bob.userId())
                        && e.content().path("membership").asString("").equals("leave")));

    bot.notice(room, "three");
    JsonNode three =
        alice.awaitEvent(room, encryptedFrom(bot.userId()).and(e -> e != one && e != two), WAIT);
    assertThat(sessionId(three)).isNotEqualTo(before);
    assertThat(alice.decrypt(room, three, WAIT).content().path("body").asString())
        .isEqualTo("three");
  }

  private static String sessionId(JsonNode encrypted) {
    return encrypted.path("content").path("session_id").asString();
  }

  @Test
  void aMessageWhoseKeyArrivesLateIsHandledOnceTheKeyIsThere() {
    CryptoPerson alice = person("alice");
    BotUnderTest bot = bot(dir.resolve("store"));
    String room = encryptedRoom(bot, alice);

    List<OutgoingRequest> held = new ArrayList<>();
    var content =
        alice.encryptHolding(
            room,
            Set.of(alice.userId(), bot.userId()),
            "!cd run deploy",
            r ->
                r instanceof OutgoingRequest.ToDevice td
                    && td.eventType().equals("m.room.encrypted"),
            held);
    assertThat(held).as("the room key went into a held to-device message").isNotEmpty();
    String eventId = alice.user().sendEvent(room, "m.room.encrypted", content);

    await()
        .atMost(WAIT)
        .until(() ->
            bot.events.stream()
                .anyMatch(e -> e.eventId().equals(eventId) && e.type().equals("m.room.encrypted")));
    assertThat(bot.sawMessage(eventId, "!cd run deploy")).isFalse();

    held.forEach(alice::deliver);
    await().atMost(WAIT).until(() -> bot.sawMessage(eventId, "!cd run deploy"));

    String after = alice.sendEncrypted(room, Set.of(alice.userId(), bot.userId()), "!cd status");
    await().atMost(WAIT).until(() -> bot.sawMessage(after, "!cd status"));
    assertThat(
            bot.events.stream()
                .filter(e -> e.eventId().equals(eventId) && e.type().equals("m.room.message")))
        .as("the late message is handled once")
        .hasSize(1);
  }

  @Test
  void aMessageStillWaitingForItsKeyAtShutdownIsHandledAfterTheRestart() {
    CryptoPerson alice = person("alice");
    Path storeDir = dir.resolve("store");
    BotUnderTest bot = bot(storeDir);
    String room = encryptedRoom(bot, alice);

    List<OutgoingRequest> held = new ArrayList<>();
    var content =
        alice.encryptHolding(
            room,
            Set.of(alice.userId(), bot.userId()),
            "!cd run backup",
            r ->
                r instanceof OutgoingRequest.ToDevice td
                    && td.eventType().equals("m.room.encrypted"),
            held);
    String eventId = alice.user().sendEvent(room, "m.room.encrypted", content);
    await()
        .atMost(WAIT)
        .until(() ->
            bot.events.stream()
                .anyMatch(e -> e.eventId().equals(eventId) && e.type().equals("m.room.encrypted")));
    open.remove(bot);
    bot.close();

    BotUnderTest again = bot(storeDir);
    held.forEach(alice::deliver);
    await().atMost(WAIT).until(() -> again.sawMessage(eventId, "!cd run backup"));
    assertThat(again.events.stream().filter(e -> e.eventId().equals(eventId)))
        .as("handled live, not as history")
        .allMatch(e -> !e.historic());
  }

  @Test
  void theBotsDeviceIsCrossSignedByItsOwnIdentity() throws Exception {
    BotUnderTest bot = bot(dir.resolve("store"));
    String master = bot.bridge.machine().crossSigningMasterKey().orElseThrow();

    await().atMost(WAIT).until(() -> selfSigningSignature(bot, query(bot.userId())).isPresent());
    JsonNode answer = query(bot.userId());
    assertThat(answer.path("master_keys").path(bot.userId()).path("keys").toString())
        .contains(master);
    String[] signature = selfSigningSignature(bot, answer).orElseThrow();
    JsonNode device = answer.path("device_keys").path(bot.userId()).path(bot.deviceId());
    assertThat(verifies(signature[0], CanonicalJson.signable(device), signature[1]))
        .as("the self-signing key's signature over the device keys is valid")
        .isTrue();
  }

  /** The self-signing public key and its signature on the bot's device, if both are published. */
  private static Optional<String[]> selfSigningSignature(BotUnderTest bot, JsonNode answer) {
    JsonNode ssk = answer.path("self_signing_keys").path(bot.userId()).path("keys");
    JsonNode sigs =
        answer
            .path("device_keys")
            .path(bot.userId())
            .path(bot.deviceId())
            .path("signatures")
            .path(bot.userId());
    for (Map.Entry<String, JsonNode> key : ssk.properties()) {
      JsonNode sig = sigs.path(key.getKey());
      if (sig.isString()) {
        return Optional.of(new String[] {key.getValue().asString(), sig.asString()});
      }
    }
    return Optional.empty();
  }

  private static boolean verifies(String publicKeyB64, String message, String signatureB64)
      throws Exception {
    byte[] raw = Base64.getDecoder().decode(padded(publicKeyB64));
    byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] encoded = new byte[x509.length + raw.length];
    System.arraycopy(x509, 0, encoded, 0, x509.length);
    System.arraycopy(raw, 0, encoded, x509.length, raw.length);
    PublicKey key =
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(message.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(padded(signatureB64)));
  }

  private static String padded(String b64) {
    return b64 + "=".repeat((4 - b64.length() % 4) % 4);
  }

  @Test
  void settingsFollowTheConfiguration() {
    MatrixConfig base = BotUnderTest.config(hs, dir);
    EncryptionBridge.Settings password = EncryptionBridge.Settings.from(base);
    assertThat(password.trustPolicy()).isEqualTo(TrustPolicy.ALL_DEVICES);
    assertThat(password.password().reveal()).isEqualTo(BotUnderTest.PASSWORD);
    assertThat(password.toString()).doesNotContain(BotUnderTest.PASSWORD);

    MatrixConfig verifiedByToken =
        new MatrixConfig(
            base.homeserver(),
            base.userId(),
            base.deviceId(),
            base.deviceName(),
            MatrixConfig.AuthType.TOKEN,
            base.password(),
            Secret.of("syt_token"),
            Secret.NONE,
            "",
            "",
            Secret.NONE,
            List.of("openid"),
            base.oidcRedirectUrl(),
            dir,
            true,
            MatrixConfig.TrustPolicy.VERIFIED,
            Secret.NONE);
    EncryptionBridge.Settings token = EncryptionBridge.Settings.from(verifiedByToken);
    assertThat(token.trustPolicy()).isEqualTo(TrustPolicy.VERIFIED_ONLY);
    assertThat(token.password().isPresent())
        .as("no password is offered for interactive auth after a token login")
        .isFalse();
  }

  @Test
  void attachmentsAreEncryptedForUploadAndDecryptWithTheFileInfo() {
    BotUnderTest bot = bot(dir.resolve("store"));
    byte[] log = "TASK [deploy] ok=3 changed=1".getBytes(StandardCharsets.UTF_8);
    var sealed = bot.bridge.encrypt(log);
    assertThat(sealed.ciphertext()).isNotEqualTo(log);
    assertThat(sealed.file().path("v").asString()).isEqualTo("v2");
    assertThat(AttachmentCrypto.decrypt(sealed.ciphertext(), sealed.file())).isEqualTo(log);
  }

  @Test
  void aNewDeviceReplacesTheIdentityWithThePasswordWhenTheServerAsks() {
    BotUnderTest first = bot(dir.resolve("first"));
    await()
        .atMost(WAIT)
        .until(() -> selfSigningSignature(first, query(first.userId())).isPresent());
    String oldMaster = first.bridge.machine().crossSigningMasterKey().orElseThrow();
    open.remove(first);
    first.close();

    // A lost store: a new device of the same account makes a new identity, which needs UIA.
    BotUnderTest second = bot(dir.resolve("second"));
    assertThat(second.deviceId()).isNotEqualTo(first.deviceId());
    String newMaster = second.bridge.machine().crossSigningMasterKey().orElseThrow();
    assertThat(newMaster).isNotEqualTo(oldMaster);
    await()
        .atMost(WAIT)
        .until(() -> selfSigningSignature(second, query(second.userId())).isPresent());
    assertThat(query(second.userId()).path("master_keys").path(second.userId()).toString())
        .contains(newMaster);
  }
}
