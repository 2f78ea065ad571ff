package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.eventId;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.AnsibleInputs;
import cd.chatrix.testkit.semaphore.RecordedRequest;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec.Survey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run of a template with a {@code secret} survey variable, through the real app against the
 * simulator in both its 2.10 and 2.12 shapes: the value is masked in every message and edit the bot
 * sends, absent from the log, the audit trail and every store file (SQLite WAL included), and
 * reaches Semaphore in the task's {@code secret} field only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretRunScenarioTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LiveBot live;

  @BeforeAll
  void startTheBot() {
    live = LiveBot.startWatchingLogs(LiveBot.UNTHROTTLED);
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void aSecretSurveyValueIsMaskedEverywhereAndReachesSemaphoreOnlyAsTheSecretField(Shape shape) {
    String secret = "s3cr3t-value-123-" + shape.name().toLowerCase(java.util.Locale.ROOT);
    var sim = live.sandbox().semaphore();
    if (sim.shape() != shape) {
      sim.shape(shape);
      // A bot reads the server's release once in a while; a new start reads it at once.
      live.restartBot(LiveBot.UNTHROTTLED);
    }
    int template =
        live.newTemplate(
            "Rotate key " + shape,
            new Survey("api_key", "API key", "secret", true, List.of()),
            new Survey("region", "Region", "", false, List.of()));
    String room = live.newRoom("secret " + shape);
    long before = live.tasksStarted();

    JsonNode prompt =
        live.ask(
            room,
            "!cd run "
                + live.project()
                + " "
                + template
                + " --env api_key="
                + secret
                + " --env region=eu-west");
    assertThat(body(prompt)).contains("api_key=••••").contains("region=eu-west");
    live.say(room, "yes");

    long taskId = live.awaitRunEnds(room, before);
    // The status message was edited along the way; by now it shows the end.
    LiveBot.awaitUntil(
        "the status message shows the end",
        () ->
            live.botMessages(room).stream()
                .anyMatch(
                    e -> body(e).contains("api_key=••••") && !eventId(e).equals(eventId(prompt))));

    List<JsonNode> botEvents = live.botMessages(room);
    assertThat(botEvents).hasSizeGreaterThan(2);
    // Every event of the room, the person's command included: the bot removed it.
    LiveBot.awaitUntil(
        "the command is removed",
        () -> live.person().timeline(room).stream().noneMatch(e -> e.toString().contains(secret)));
    assertThat(body(prompt)).contains("removing it");
    assertThat(live.running().stores().audit().recent(50))
        .isNotEmpty()
        .noneMatch(a -> a.toString().contains(secret));
    assertThat(live.running().stores().audit().recent(50))
        .anyMatch(a -> a.toString().contains("api_key=••••"));
    assertThat(live.logLines()).isNotEmpty().noneMatch(line -> line.contains(secret));
    assertThat(SecretLeaks.filesHolding(live.sandbox().workDir(), secret)).isEmpty();

    AnsibleInputs inputs = sim.ansibleInputs((int) taskId);
    assertThat(inputs.secrets()).isEqualTo(Map.of("api_key", secret));
    assertThat(inputs.extraVars()).isEqualTo(Map.of("region", "eu-west"));
    List<RecordedRequest> carrying =
        sim.requests().matching(r -> r.body() != null && r.body().contains(secret));
    assertThat(carrying).singleElement().satisfies(r -> assertThat(r.method()).isEqualTo("POST"));
    JsonNode sent = JSON.readTree(carrying.getFirst().body());
    assertThat(sent.path("environment").asString("")).doesNotContain(secret);
    assertThat(JSON.readTree(sent.path("secret").asString()).path("api_key").asString())
        .isEqualTo(secret);
    JsonNode withoutSecret = sent.deepCopy();
    ((tools.jackson.databind.node.ObjectNode) withoutSecret).remove("secret");
    assertThat(withoutSecret.toString()).doesNotContain(secret);
  }

  @Test
  void aPendingRunWithASecretAsksForItAgainAfterARestartAndStartsNothing() {
    String secret = "s3cr3t-before-restart-456";
    int template =
        live.newTemplate(
            "Rotate key later", new Survey("api_key", "API key", "secret", true, List.of()));
    String room = live.newRoom("secret restart");
    JsonNode prompt =
        live.ask(room, "!cd run " + live.project() + " " + template + " --env api_key=" + secret);
    assertThat(body(prompt)).contains("api_key=••••");

    live.restartBot(LiveBot.UNTHROTTLED);
    long before = live.tasksStarted();
    live.say(room, "yes");

    JsonNode answer = live.awaitBot(room, e -> body(e).contains("again"), LiveBot.ANSWER);
    assertThat(body(answer)).contains("api_key").contains("restart");
    assertThat(live.tasksStarted()).isEqualTo(before);
    assertThat(SecretLeaks.filesHolding(live.sandbox().workDir(), secret)).isEmpty();
    assertThat(live.person().timeline(room)).noneMatch(e -> e.toString().contains(secret));
  }
}
