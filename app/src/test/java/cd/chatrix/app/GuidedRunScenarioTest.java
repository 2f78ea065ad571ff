package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.eventId;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.AnsibleInputs;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec.Choice;
import cd.chatrix.testkit.semaphore.TemplateSpec.Survey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Guided runs through the real app against the simulator: the bot asks for a template's survey in
 * the run's thread (a secret in the bot's private encrypted room, as these rooms are not), re-asks
 * wrong answers, and what reached "ansible" is what was answered, secrets in the secret field only;
 * a restart mid-way resumes the form and asks for the secret again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuidedRunScenarioTest {
  private LiveBot live;
  // The rooms here are not encrypted: secrets asked one at a time go to the bot's private room.
  private PrivateRoomDevice phone;

  @BeforeAll
  void startTheBot() {
    live = LiveBot.start(LiveBot.UNTHROTTLED);
    phone = new PrivateRoomDevice(live);
  }

  @AfterAll
  void stopTheBot() {
    phone.close();
    live.close();
  }

  private int releaseTemplate(String name) {
    return live.newTemplate(
        name,
        new Survey("replicas", "Replicas", "How many copies", "int", true, List.of(), ""),
        new Survey(
            "stage",
            "Stage",
            "",
            "enum",
            true,
            List.of(new Choice("Production", "prod"), new Choice("Staging", "stg")),
            ""),
        new Survey("api_key", "API key", "secret", true, List.of()),
        new Survey("note", "Note", "", false, List.of()),
        new Survey("region", "Region", "", "", false, List.of(), "eu-west"));
  }

  /** The bot's next message in the run's thread that holds {@code text}. */
  private JsonNode next(String room, String root, String text) {
    return live.awaitInThread(room, root, text);
  }

  private String answer(String room, String root, String text) {
    return live.person().sendThreadReply(room, root, text);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void oneAtATimeWithWrongAnswersReAsked(Shape shape) {
    String secret = "vault-pass-" + shape.name().toLowerCase(Locale.ROOT) + "-991";
    var sim = live.sandbox().semaphore();
    if (sim.shape() != shape) {
      sim.shape(shape);
      live.restartBot(LiveBot.UNTHROTTLED);
    }
    int template = releaseTemplate("Release " + shape);
    String room = live.newRoom("guided " + shape);
    sim.requests().clear();
    long started = live.tasksStarted();

    String run = live.say(room, "!cd run " + live.project() + " " + template);
    JsonNode intro = next(room, run, "name=value");
    assertThat(body(intro)).contains("Replicas (replicas)").contains("API key");
    next(room, run, "❓ Replicas");
    // One list and one read by id, however many templates the project has.
    assertThat(sim.requests().count("GET", "/api/project/" + live.project() + "/templates"))
        .isEqualTo(2);

    answer(room, run, "lots");
    assertThat(body(next(room, run, "whole number"))).contains("\"lots\" is not");
    answer(room, run, "3");
    assertThat(body(next(room, run, "❓ Stage"))).contains("1) Production (prod)");
    answer(room, run, "Sandbox");
    next(room, run, "not one of the choices");
    answer(room, run, "2");
    next(room, run, "🔒 API key");
    String secretAnswer = phone.answer(secret);
    next(room, run, "Got your answer");
    JsonNode prompt = next(room, run, "Run Release");
    assertThat(body(prompt))
        .contains("replicas=3")
        .contains("stage=stg")
        .contains("api_key=••••")
        .contains("❓ Note");
    answer(room, run, "skip");
    JsonNode again = next(room, run, "Run Release");
    live.person().react(room, eventId(again), "👍");

    long taskId = live.awaitRunEnds(room, started);
    AnsibleInputs inputs = sim.ansibleInputs((int) taskId);
    assertThat(inputs.secrets()).isEqualTo(Map.of("api_key", secret));
    // 2.10 knows no defaults; later releases send the form's default for an untouched variable.
    assertThat(inputs.extraVars())
        .isEqualTo(
            shape == Shape.V2_10
                ? Map.of("replicas", "3", "stage", "stg")
                : Map.of("replicas", "3", "stage", "stg", "region", "eu-west"));
    LiveBot.awaitUntil(
        "the answer holding the secret is removed",
        () -> live.person().timeline(room).stream().noneMatch(e -> e.toString().contains(secret)));
    LiveBot.awaitUntil(
        "the answer is removed from the private room",
        () -> phone.user().event(phone.room(), secretAnswer).path("content").isEmpty());
    assertThat(live.running().stores().audit().recent(50))
        .anyMatch(a -> a.detail().contains("replicas=3"))
        .noneMatch(a -> a.toString().contains(secret));
    assertThat(sim.requests().matching(r -> r.body() != null && r.body().contains(secret)))
        .singleElement()
        .satisfies(r -> assertThat(r.method()).isEqualTo("POST"));
    assertThat(SecretLeaks.filesHolding(live.sandbox().workDir(), secret)).isEmpty();
  }

  @Test
  void allAtOnceAfterInlineValues() {
    int template = releaseTemplate("Release at once");
    String room = live.newRoom("guided at once");
    long started = live.tasksStarted();

    String run = live.say(room, "!cd run " + live.project() + " " + template + " replicas=5");
    assertThat(body(next(room, run, "name=value"))).doesNotContain("Replicas");
    next(room, run, "❓ Stage");
    answer(room, run, "stage=production\napi_key=all-at-once-777\nnote=hello there\nregion=ap");
    JsonNode prompt = next(room, run, "Run Release");
    assertThat(body(prompt))
        .contains("replicas=5")
        .contains("stage=prod")
        .contains("note=hello there")
        .contains("region=ap")
        .doesNotContain("❓");
    answer(room, run, "yes");

    long taskId = live.awaitRunEnds(room, started);
    AnsibleInputs inputs = live.sandbox().semaphore().ansibleInputs((int) taskId);
    assertThat(inputs.extraVars())
        .isEqualTo(Map.of("replicas", "5", "stage", "prod", "note", "hello there", "region", "ap"));
    assertThat(inputs.secrets()).isEqualTo(Map.of("api_key", "all-at-once-777"));
  }

  @Test
  void aRestartMidWayResumesAndAsksForTheSecretAgain() {
    String secret = "before-restart-secret-314";
    int template = releaseTemplate("Release restart");
    String room = live.newRoom("guided restart");

    String run = live.say(room, "!cd run " + live.project() + " " + template);
    next(room, run, "❓ Replicas");
    answer(room, run, "replicas=2\napi_key=" + secret);
    next(room, run, "❓ Stage");
    live.restartBot(LiveBot.UNTHROTTLED);
    assertThat(SecretLeaks.filesHolding(live.sandbox().workDir(), secret)).isEmpty();

    assertThat(body(next(room, run, "restarted"))).contains("api_key");
    next(room, run, "❓ Stage");
    long started = live.tasksStarted();
    answer(room, run, "1");
    next(room, run, "🔒 API key");
    phone.answer("after-restart-secret-271");
    next(room, run, "Run Release");
    answer(room, run, "yes");

    long taskId = live.awaitRunEnds(room, started);
    AnsibleInputs inputs = live.sandbox().semaphore().ansibleInputs((int) taskId);
    assertThat(inputs.extraVars()).containsEntry("replicas", "2").containsEntry("stage", "prod");
    assertThat(inputs.secrets()).isEqualTo(Map.of("api_key", "after-restart-secret-271"));
  }
}
