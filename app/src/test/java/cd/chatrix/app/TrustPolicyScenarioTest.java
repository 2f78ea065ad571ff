package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.adapter.crypto.CryptoPerson;
import cd.chatrix.app.adapter.crypto.EncryptionBridge;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code matrix.trust_policy: verified} through the real app, in an encrypted room: the admin has
 * two devices, a laptop the bot verified and a phone it did not. What the phone asks for, a run or
 * a blind "yes" to the laptop's run, starts nothing and is in the audit log; the laptop's own "yes"
 * still starts the run.
 */
class TrustPolicyScenarioTest {
  private static final Duration DECRYPT = Duration.ofSeconds(5);

  @Test
  void aRunConfirmedFromAnUnverifiedDeviceOfAnAdminStartsNothing() {
    try (LiveBot live =
            LiveBot.start(config -> {
              ((tools.jackson.databind.node.ObjectNode) config.get("matrix"))
                  .put("trust_policy", "verified");
              LiveBot.botSection(config).put("rate_limit_per_minute", 0);
            });
        CryptoPerson laptop = device(live);
        CryptoPerson phone = device(live)) {
      String bot = live.botUserId();
      String room =
          live.person()
              .createRoom(
                  CreateRoomOptions.named("secure ops")
                      .withEncryption(true)
                      .withInvitees(bot)
                      .withPowerLevel(bot, 50));
      live.awaitMembership(room, bot, "join");
      verifyWithTheBot(live, laptop);
      List<String> members = List.of(laptop.userId(), bot);
      String deploy = "!cd run " + live.project() + " " + live.sandbox().templates().deploy();

      // The phone asks for a run itself: refused, and told how to get verified.
      String phoneRun = phone.sendEncrypted(room, members, deploy);
      assertThat(body(botSays(laptop, room, bot, repliesTo(phoneRun))))
          .contains(phone.deviceId())
          .contains("verified");

      // The laptop asks; the phone answers "yes" blind: refused again.
      String laptopRun = laptop.sendEncrypted(room, members, deploy);
      assertThat(body(botSays(laptop, room, bot, repliesTo(laptopRun)))).contains("Deploy web");
      String blindYes = phone.sendEncrypted(room, members, "yes");
      assertThat(body(botSays(laptop, room, bot, repliesTo(blindYes)))).contains(phone.deviceId());
      assertThat(live.tasksStarted()).isZero();

      List<AuditEntry> audit = live.running().stores().audit().recent(10);
      assertThat(audit)
          .filteredOn(
              e -> e.outcome().equals("refused: device " + phone.deviceId() + " not verified"))
          .extracting(AuditEntry::detail)
          .containsExactlyInAnyOrder(
              deploy.substring("!cd ".length()), "yes to run Deploy web (Demo shop)");

      // The run was still waiting: the laptop's own "yes" starts it.
      laptop.sendEncrypted(room, members, "yes");
      LiveBot.awaitUntil("the laptop's yes starts the run", () -> live.tasksStarted() == 1);

      // In the sandbox's unencrypted room no device is known: the same order is refused there.
      assertThat(body(live.ask(live.room(), deploy)).replace("\n", " "))
          .contains("without encryption");
      assertThat(live.tasksStarted()).isEqualTo(1);
    }
  }

  /** A new device of the sandbox's person (the bot's admin), with keys of its own. */
  private static CryptoPerson device(LiveBot live) {
    return new CryptoPerson(
        live.sandbox().homeserver().loginUser(live.person().userId(), DemoSandbox.PERSON_PASSWORD));
  }

  /**
   * What a finished emoji verification leaves in the bot's crypto store: the device marked verified
   * (the emoji exchange itself is covered by the verification tests).
   */
  private static void verifyWithTheBot(LiveBot live, CryptoPerson device) {
    EncryptionBridge bridge = live.running().encryption().orElseThrow();
    LiveBot.awaitUntil(
        "the bot knows and verifies " + device.deviceId(),
        () -> {
          bridge.machine().updateTrackedUsers(List.of(device.userId()));
          bridge.flushRequests();
          return bridge
              .machine()
              .setLocalTrust(device.userId(), device.deviceId(), LocalTrust.VERIFIED);
        });
  }

  /** The bot's next encrypted message that {@code reader} can decrypt and that matches. */
  private static JsonNode botSays(
      CryptoPerson reader, String room, String bot, Predicate<JsonNode> content) {
    JsonNode[] found = new JsonNode[1];
    reader.awaitEvent(
        room,
        e -> {
          if (!bot.equals(e.path("sender").asString(""))
              || !"m.room.encrypted".equals(e.path("type").asString(""))) {
            return false;
          }
          Optional<JsonNode> clear = decrypt(reader, room, e);
          clear.filter(content).ifPresent(c -> found[0] = c);
          return found[0] != null;
        },
        ANSWER);
    return found[0];
  }

  private static Optional<JsonNode> decrypt(CryptoPerson reader, String room, JsonNode event) {
    try {
      DecryptionResult.Decrypted d = reader.decrypt(room, event, DECRYPT);
      return Optional.of(d.content());
    } catch (AssertionError notForUs) {
      return Optional.empty();
    }
  }

  private static Predicate<JsonNode> repliesTo(String eventId) {
    return c ->
        eventId.equals(c.path("m.relates_to").path("m.in_reply_to").path("event_id").asString(""));
  }

  private static String body(JsonNode content) {
    return content.path("content").isObject()
        ? content.path("content").path("body").asString("")
        : content.path("body").asString("");
  }
}
