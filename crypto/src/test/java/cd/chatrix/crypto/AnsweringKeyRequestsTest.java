package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.store.InMemoryCryptoStore;
import cd.chatrix.crypto.store.LocalTrust;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bob's device missed the bot's room key (the to-device message was lost on the way) and asks the
 * bot for it. The bot sends it again only for its own current session, only to a device that was
 * sent it and may still have it, only from the index that device first got, and not over and over.
 */
class AnsweringKeyRequestsTest {
  private static final String ROOM = "!room:test";
  private static final String OTHER_ROOM = "!other:test";
  private static final String BOT = "@bot:test";
  private static final String BOB = "@bob:test";
  private static final String CAROL = "@carol:test";
  private static final RoomEncryptionSettings ALL =
      RoomEncryptionSettings.defaults(TrustPolicy.ALL_DEVICES);
  private static final RoomEncryptionSettings VERIFIED =
      RoomEncryptionSettings.defaults(TrustPolicy.VERIFIED_ONLY);

  private final MachineFixtures f = new MachineFixtures();
  private final InMemoryCryptoStore botStore = new InMemoryCryptoStore();
  private final PickleKey botPickleKey = PickleKey.random();
  private OlmMachine bot = f.machine(BOT, "BOTDEV", botStore, botPickleKey);
  private final OlmMachine bob = f.machine(BOB, "BOBDEV");

  /** The bot writes once alone, then once with Bob, whose copy of the key is lost. */
  private ObjectNode botWritesAndBobsKeyIsLost(RoomEncryptionSettings settings) {
    f.relay.settle();
    f.send(bot, ROOM, List.of(BOT), settings, "before bob was here");
    f.relay.loseNext(BOB, "m.room.encrypted");
    ObjectNode forBob = f.send(bot, ROOM, List.of(BOT, BOB), settings, "for bob");
    f.relay.settle();
    return forBob;
  }

  @Test
  void bobAsksAndReadsTheMessageFromTheIndexHeWasFirstSent() {
    bob.updateTrackedUsers(List.of(BOT));
    ObjectNode beforeBob = f.send(bot, ROOM, List.of(BOT), ALL, "before bob was here");
    f.relay.settle();
    f.relay.loseNext(BOB, "m.room.encrypted");
    ObjectNode forBob = f.send(bot, ROOM, List.of(BOT, BOB), ALL, "for bob");
    f.relay.settle();
    List<LateDecryption> late = new ArrayList<>();
    bob.onLateDecryption(late::add);

    // Bob cannot read it and asks (his machine sends the request to the bot's devices).
    assertThat(bob.decrypt(ROOM, forBob)).isInstanceOf(DecryptionResult.MissingKey.class);
    f.relay.settle();

    assertThat(late)
        .singleElement()
        .satisfies(l -> {
          assertThat(l.result().content().path("body").asString()).isEqualTo("for bob");
          assertThat(l.result().messageIndex()).isEqualTo(1);
          // The bot's own m.room_key again, not a forward: Bob knows who made the session.
          assertThat(l.result().trust()).isEqualTo(SenderTrust.UNVERIFIED);
        });
    // Sent from where Bob came in: the message before him stays closed to him.
    assertThat(bob.decrypt(ROOM, beforeBob)).isNotInstanceOf(DecryptionResult.Decrypted.class);
  }

  @Test
  void aKeyTheBotReceivedFromSomeoneElseIsNotPassedOn() {
    OlmMachine carol = f.machine(CAROL, "CAROLDEV");
    f.relay.settle();
    f.relay.loseNext(BOB, "m.room.encrypted");
    ObjectNode fromCarol = f.send(carol, ROOM, List.of(BOT, BOB, CAROL), ALL, "carol speaks");
    f.relay.settle();
    assertThat(bot.decrypt(ROOM, fromCarol)).isInstanceOf(DecryptionResult.Decrypted.class);

    ask(BOB, "BOBDEV", ROOM, sessionOf(fromCarol), "r1");

    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();
  }

  @Test
  void aRequestNamingAnotherRoomIsRefused() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));

    ask(BOB, "BOBDEV", OTHER_ROOM, session, "r1");
    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();

    ask(BOB, "BOBDEV", ROOM, session, "r2");
    assertThat(answersFromBotTo(BOB, "BOBDEV")).as("the same session, its own room").isOne();
  }

  @Test
  void aDeviceThatWasNeverSentTheKeyGetsNothing() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));
    f.machine(BOB, "LATECOMER");
    f.relay.settle();
    assertThat(bot.devices(BOB)).extracting(d -> d.deviceId()).contains("LATECOMER");

    ask(BOB, "LATECOMER", ROOM, session, "r1");

    assertThat(answersFromBotTo(BOB, "LATECOMER")).isZero();
  }

  @Test
  void aBlockedDeviceGetsNothing() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));
    bot.setLocalTrust(BOB, "BOBDEV", LocalTrust.BLOCKED);

    ask(BOB, "BOBDEV", ROOM, session, "r1");

    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();
  }

  @Test
  void underTheVerifiedOnlyPolicyADeviceNoLongerVerifiedGetsNothing() {
    f.relay.settle();
    bot.updateTrackedUsers(List.of(BOB));
    f.relay.settle();
    bot.setLocalTrust(BOB, "BOBDEV", LocalTrust.VERIFIED);
    String session = sessionOf(botWritesAndBobsKeyIsLost(VERIFIED));
    bot.setLocalTrust(BOB, "BOBDEV", LocalTrust.UNSET);

    ask(BOB, "BOBDEV", ROOM, session, "r1");
    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();

    bot.setLocalTrust(BOB, "BOBDEV", LocalTrust.VERIFIED);
    ask(BOB, "BOBDEV", ROOM, session, "r2");
    assertThat(answersFromBotTo(BOB, "BOBDEV")).as("verified again").isOne();
  }

  @Test
  void aSessionTheBotStoppedSendingWithIsNotSentAgain() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));
    bot.discardRoomKey(ROOM);

    ask(BOB, "BOBDEV", ROOM, session, "r1");

    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();
  }

  @Test
  void aRequestWithdrawnInTheSameSyncIsNotAnswered() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));

    bot.receiveSyncChanges(
        List.of(request(BOB, "BOBDEV", ROOM, session, "r1"), cancellation(BOB, "BOBDEV", "r1")),
        DeviceListChanges.NONE,
        Map.of(),
        Optional.empty());
    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();

    // The withdrawn id stays withdrawn; a new request is answered.
    ask(BOB, "BOBDEV", ROOM, session, "r1");
    assertThat(answersFromBotTo(BOB, "BOBDEV")).isZero();
    ask(BOB, "BOBDEV", ROOM, session, "r2");
    assertThat(answersFromBotTo(BOB, "BOBDEV")).isOne();
  }

  @Test
  void aDeviceThatKeepsAskingIsAnsweredOncePerIntervalAndLoggedOnce() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));
    Logger logger = (Logger) LoggerFactory.getLogger(IncomingKeyRequests.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Level before = logger.getLevel();
    logger.setLevel(Level.INFO);
    log.start();
    logger.addAppender(log);
    try {
      ask(BOB, "BOBDEV", ROOM, session, "r1");
      assertThat(answersFromBotTo(BOB, "BOBDEV")).isOne();
      for (int i = 0; i < 50; i++) {
        ask(BOB, "BOBDEV", ROOM, session, "spam" + i);
      }
      ask(BOB, "BOBDEV", ROOM, session, "r1");
      assertThat(answersFromBotTo(BOB, "BOBDEV")).as("asked again too soon").isZero();

      f.now.addAndGet(AnswerLimits.ANSWER_INTERVAL_MS);
      ask(BOB, "BOBDEV", ROOM, session, "r1");
      assertThat(answersFromBotTo(BOB, "BOBDEV")).as("the same request id again").isZero();
      ask(BOB, "BOBDEV", ROOM, session, "r2");
      assertThat(answersFromBotTo(BOB, "BOBDEV")).as("a new request after the interval").isOne();
    } finally {
      logger.detachAppender(log);
      logger.setLevel(before);
    }
    List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).filteredOn(l -> l.startsWith("Sent the key")).hasSize(1);
    assertThat(lines).filteredOn(l -> l.contains("in the last few minutes")).hasSize(1);
    // Megolm keys in base64 start with their version byte and index: 0x02 (shared), 0x01 (export).
    assertThat(lines).noneMatch(l -> l.contains("AgAAAA") || l.contains("AQAAAA"));
  }

  @Test
  void aBotRestartedOnTheSameStoreStillKnowsWhoWasSentWhat() {
    String session = sessionOf(botWritesAndBobsKeyIsLost(ALL));
    bot.close();
    bot = f.machine(BOT, "BOTDEV", botStore, botPickleKey);

    ask(BOB, "BOBDEV", ROOM, session, "r1");

    assertThat(answersFromBotTo(BOB, "BOBDEV")).isOne();
  }

  private static String sessionOf(ObjectNode event) {
    return event.path("content").path("session_id").asString();
  }

  private void ask(String user, String device, String room, String session, String requestId) {
    bot.receiveSyncChanges(
        List.of(request(user, device, room, session, requestId)),
        DeviceListChanges.NONE,
        Map.of(),
        Optional.empty());
  }

  /** How many encrypted to-device messages the bot now wants to send to that device; sends them. */
  private long answersFromBotTo(String user, String device) {
    long count =
        bot.outgoingRequests().stream()
            .filter(r ->
                r instanceof OutgoingRequest.ToDevice t
                    && t.eventType().equals("m.room.encrypted")
                    && t.body().path("messages").path(user).has(device))
            .count();
    f.relay.flush(bot);
    return count;
  }

  private ObjectNode request(
      String user, String device, String room, String session, String requestId) {
    ObjectNode event = keyRequest(user, device, requestId, "request");
    ObjectNode body = ((ObjectNode) event.get("content")).putObject("body");
    body.put("algorithm", "m.megolm.v1.aes-sha2");
    body.put("room_id", room);
    body.put("session_id", session);
    body.put("sender_key", bot.curve25519Key());
    return event;
  }

  private static ObjectNode cancellation(String user, String device, String requestId) {
    return keyRequest(user, device, requestId, "request_cancellation");
  }

  private static ObjectNode keyRequest(
      String user, String device, String requestId, String action) {
    ObjectNode event = CanonicalJson.object();
    event.put("type", "m.room_key_request");
    event.put("sender", user);
    ObjectNode content = event.putObject("content");
    content.put("action", action);
    content.put("requesting_device_id", device);
    content.put("request_id", requestId);
    return event;
  }
}
