package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.adapter.crypto.EncryptionBridge;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.testclients.CryptoPerson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code matrix.trust_policy: verified} through the real app, in an encrypted room: the admin has
 * two devices, a laptop the bot verified and a phone it did not. What the phone asks for, a run or
 * a blind "yes" to the laptop's run, starts nothing and is in the audit log; the laptop's own "yes"
 * still starts the run.
 */
class TrustPolicyScenarioTest {

  @Test
  void aRunConfirmedFromAnUnverifiedDeviceOfAnAdminStartsNothing() {
    try (LiveBot live =
            LiveBot.start(
                LiveBot.UNTHROTTLED.andThen(config ->
                    ((ObjectNode) config.get("matrix")).put("trust_policy", "verified")));
        CryptoPerson laptop = live.newDevice();
        CryptoPerson phone = live.newDevice()) {
      String bot = live.botUserId();
      String room = live.newEncryptedRoom("secure ops");
      verifyWithTheBot(live, laptop);
      List<String> members = List.of(laptop.userId(), bot);
      String deploy = "!cd run " + live.project() + " " + live.sandbox().templates().deploy();

      // The phone asks for a run itself: refused, and told how to get verified.
      String phoneRun = phone.sendEncrypted(room, members, deploy);
      assertThat(body(live.awaitEncryptedReply(laptop, room, phoneRun)))
          .contains(phone.deviceId())
          .contains("verified");

      // The laptop asks; the phone answers "yes" blind: refused again.
      String laptopRun = laptop.sendEncrypted(room, members, deploy);
      assertThat(body(live.awaitEncryptedReply(laptop, room, laptopRun))).contains("Deploy web");
      String blindYes = phone.sendEncrypted(room, members, "yes");
      assertThat(body(live.awaitEncryptedReply(laptop, room, blindYes))).contains(phone.deviceId());
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

  private static String body(JsonNode content) {
    return content.path("content").isObject()
        ? content.path("content").path("body").asString("")
        : content.path("body").asString("");
  }
}
