package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.TemplateSpec.Survey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A secret survey variable of a run started in a room without encryption, through the real app: the
 * bot asks for it in an encrypted room of the bot and the requester alone, removes the answer
 * there, and the run goes on in its thread. The value is in no room event in clear, no log line, no
 * audit entry, no request to the homeserver, and reaches Semaphore in the secret field only; a
 * second run reuses the same private room.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretDirectRoomScenarioTest {
  private LiveBot live;

  @BeforeAll
  void startTheBot() {
    live = LiveBot.startWatchingLogs(LiveBot.UNTHROTTLED);
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  private int template(String name) {
    return live.newTemplate(
        name,
        new Survey("replicas", "Replicas", "", "int", true, List.of(), ""),
        new Survey("api_key", "API key", "secret", true, List.of()));
  }

  private JsonNode next(String room, String root, String text) {
    return live.awaitInThread(room, root, text);
  }

  @Test
  void theSecretIsAskedInAPrivateEncryptedRoomAndTheRunGoesOnInItsThread() {
    String secret = "dm-only-secret-4711";
    var sim = live.sandbox().semaphore();
    int rotate = template("Rotate privately");
    String room = live.newRoom("plain ops");
    long started = live.tasksStarted();

    try (var phone = new PrivateRoomDevice(live)) {
      String run = live.say(room, "!cd run " + live.project() + " " + rotate + " replicas=2");
      assertThat(body(next(room, run, "🔒 API key"))).contains("API key").contains("encrypted");
      String dm = phone.room();
      assertThat(phone.botSays("API key").path("body").asString())
          .contains("Rotate privately")
          .contains("plain ops");
      assertThat(
              phone
                  .user()
                  .call("GET", "/_matrix/client/v3/rooms/" + dm + "/state/m.room.encryption", null)
                  .path("algorithm")
                  .asString(""))
          .isEqualTo("m.megolm.v1.aes-sha2");

      String answer = phone.answer(secret);
      phone.botSays("removed your message");
      next(room, run, "Got your answer");
      JsonNode prompt = next(room, run, "Run Rotate privately");
      assertThat(body(prompt)).contains("replicas=2").contains("api_key=••••");
      live.person().sendThreadReply(room, run, "yes");
      long taskId = live.awaitRunEnds(room, started);
      var inputs = sim.ansibleInputs((int) taskId);
      assertThat(inputs.secrets()).isEqualTo(Map.of("api_key", secret));
      assertThat(inputs.extraVars()).isEqualTo(Map.of("replicas", "2"));

      // The answer is gone from the private room, and was never readable anywhere else.
      assertThat(phone.user().event(dm, answer).path("content").isEmpty()).isTrue();
      assertThat(phone.user().timeline(dm)).noneMatch(e -> e.toString().contains(secret));
      assertThat(live.person().timeline(room)).noneMatch(e -> e.toString().contains(secret));
      assertThat(live.sandbox().homeserver().requests())
          .isNotEmpty()
          .noneMatch(r -> r.body() != null && r.body().contains(secret));
      assertThat(live.running().stores().audit().recent(50))
          .anyMatch(a -> a.toString().contains("api_key=••••"))
          .noneMatch(a -> a.toString().contains(secret));
      assertThat(live.logLines()).isNotEmpty().noneMatch(line -> line.contains(secret));
      assertThat(sim.requests().matching(r -> r.body() != null && r.body().contains(secret)))
          .singleElement()
          .satisfies(r -> assertThat(r.method()).isEqualTo("POST"));

      // A second run asks in the same private room; cancel stops it in its thread.
      int again = template("Rotate again");
      String second = live.say(room, "!cd run " + live.project() + " " + again + " replicas=1");
      next(room, second, "🔒 API key");
      assertThat(phone.botSays("Rotate again").path("body").asString()).contains("API key");
      live.person().sendThreadReply(room, second, "cancel");
      next(room, second, "nothing was started");
      assertThat(live.tasksStarted()).isEqualTo(started + 1);
    }
  }
}
