package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.FakeChat;
import cd.chatrix.bot.fake.FakeRunner;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run whose template has a survey: the bot asks in the run's thread, like Semaphore's form. */
class GuidedRunTest {
  private static final String SECRET = "hunter2-for-the-vault";

  private final Harness h = new Harness();

  GuidedRunTest() {
    h.runner.template(
        new Template(
            9,
            1,
            "Release",
            "Ships a release",
            "ansible",
            Overrides.ALL,
            List.of(
                new SurveyVar(
                    "replicas",
                    "Replicas",
                    "How many copies",
                    "int",
                    true,
                    Optional.empty(),
                    List.of()),
                FakeRunner.choiceVar(
                    "stage",
                    "Stage",
                    new SurveyVar.Choice("Production", "prod"),
                    new SurveyVar.Choice("Staging", "staging")),
                new SurveyVar(
                    "api_key", "API key", "", "secret", true, Optional.empty(), List.of()),
                new SurveyVar("note", "Note", "", "", false, Optional.empty(), List.of()),
                new SurveyVar(
                    "region", "Region", "", "", false, Optional.of("eu-west"), List.of()))));
  }

  /** What the bot said in the thread rooted at {@code root}, oldest first. */
  private List<String> thread(String root) {
    return h.chat.inThread(root).stream().map(FakeChat.Sent::body).toList();
  }

  private void assertNoSecretAnywhere() {
    assertThat(h.chat.sent).noneMatch(s -> s.body().contains(SECRET) || s.html().contains(SECRET));
    assertThat(h.chat.edits).noneMatch(e -> e.message().body().contains(SECRET));
    assertThat(h.stores.audit().recent(50)).noneMatch(e -> e.toString().contains(SECRET));
  }

  @Test
  void asksOneAtATimeReAsksWrongAnswersAndStartsWithEveryValue() {
    String run = h.say(ALICE, "!cd run Infra Release");

    assertThat(thread(run).getFirst())
        .contains("Release")
        .contains("Replicas (replicas): How many copies · whole number · required")
        .contains("Stage (stage)")
        .contains("Region (region)")
        .contains("default eu-west")
        .contains("name=value");
    assertThat(h.lastBody()).contains("Replicas").contains("whole number");
    assertThat(h.stores.confirmations().all()).isEmpty();

    h.sayIn(run, ALICE, "three");
    assertThat(h.lastBody()).contains("\"three\" is not").contains("❓ Replicas");
    h.sayIn(run, ALICE, "3");
    assertThat(h.lastBody())
        .contains("Stage")
        .contains("1) Production (prod)")
        .contains("2) Staging");
    assertThat(h.last().html()).contains("1) Production (prod)<br>");
    h.sayIn(run, ALICE, "Sandbox");
    assertThat(h.lastBody()).contains("not one of the choices").contains("1 to 2");
    h.sayIn(run, ALICE, "2");
    assertThat(h.lastBody()).contains("API key").contains("secret").contains("not encrypted");
    String secretAnswer = h.sayIn(run, ALICE, SECRET);
    assertThat(h.chat.redactions).containsExactly(secretAnswer);

    // Only optional ones left: the confirmation, with the next optional question.
    var prompt = h.stores.confirmations().all().getFirst();
    assertThat(h.lastBody())
        .contains("replicas=3")
        .contains("stage=staging")
        .contains("api_key=" + SecretVars.MASK)
        .contains("region=eu-west")
        .contains("Note")
        .contains("skip");
    h.sayIn(run, ALICE, "skip");
    assertThat(h.chat.lastEditOf(prompt.promptEventId()).orElseThrow().message().body())
        .contains("Replaced");
    assertThat(h.stores.confirmations().all()).hasSize(1);
    assertThat(h.lastBody()).contains("❓ Region");

    h.react(ALICE, h.stores.confirmations().all().getFirst().promptEventId(), "👍");

    assertThat(h.runner.started).hasSize(1);
    var started = h.runner.started.getFirst();
    assertThat(started.templateId()).isEqualTo(9);
    assertThat(started.environment())
        .isEqualTo(Map.of("replicas", "3", "stage", "staging", "region", "eu-west"));
    assertThat(started.secrets().values()).isEqualTo(Map.of("api_key", SECRET));
    h.bot.tick();
    assertThat(h.stores.forms().all()).isEmpty();
    assertNoSecretAnywhere();
  }

  @Test
  void takesEverythingAtOnceAndOptionalAnswersPostTheConfirmationAgain() {
    String run = h.say(ALICE, "!cd run 1 9");
    h.sayIn(run, ALICE, "replicas=2\nStage = Production\napi_key=" + SECRET + "\nnote=hello there");
    assertThat(h.lastBody())
        .contains("replicas=2")
        .contains("stage=prod")
        .contains("note=hello there")
        .contains("❓ Region");
    h.sayIn(run, ALICE, "us-east");
    assertThat(h.lastBody()).contains("region=us-east").doesNotContain("❓");
    h.sayIn(run, ALICE, "yes");

    assertThat(h.runner.started).hasSize(1);
    assertThat(h.runner.started.getFirst().environment())
        .containsEntry("region", "us-east")
        .containsEntry("note", "hello there")
        .containsEntry("stage", "prod");
    assertNoSecretAnywhere();
  }

  @Test
  void inlineValuesAreNotAskedAgain() {
    String run = h.say(ALICE, "!cd run 1 9 replicas=4 --env stage=Staging --env note=hi");
    assertThat(thread(run).getFirst())
        .doesNotContain("Replicas")
        .doesNotContain("Stage")
        .contains("API key");
    assertThat(h.lastBody()).contains("API key");
    h.sayIn(run, ALICE, SECRET);
    assertThat(h.lastBody()).contains("replicas=4").contains("stage=staging").contains("Region");
  }

  @Test
  void aWrongInlineValueIsRefusedBeforeAnythingIsAsked() {
    h.say(ALICE, "!cd run 1 9 replicas=many");
    assertThat(h.lastBody()).contains("does not accept").contains("whole number");
    assertThat(h.stores.forms().all()).isEmpty();
  }

  @Test
  void othersAndCommandsInTheThreadAreNotTakenAsAnswers() {
    String run = h.say(ALICE, "!cd run 1 9");
    h.sayIn(run, BOB, "7");
    assertThat(h.lastBody()).contains("❓ Replicas");
    h.sayIn(run, ALICE, "!cd projects");
    assertThat(h.lastBody()).contains("Infra").doesNotContain("❓");
    h.say(ALICE, "5");
    h.sayIn(run, ALICE, "5");
    assertThat(h.lastBody()).contains("❓ Stage");
    assertThat(h.stores.forms().all().getFirst().request().environment())
        .isEqualTo(Map.of("replicas", "5"));
  }

  @Test
  void requiredCannotBeSkippedAndCancelStopsIt() {
    String run = h.say(ALICE, "!cd run 1 9");
    h.sayIn(run, ALICE, "skip");
    assertThat(h.lastBody()).contains("required").contains("❓ Replicas");
    h.sayIn(run, ALICE, "cancel");
    assertThat(h.lastBody()).contains("Cancelled");
    assertThat(h.stores.forms().all()).isEmpty();
    assertThat(h.stores.audit().recent(1).getFirst().outcome()).contains("cancelled");
  }

  @Test
  void aHalfFilledRunExpiresOnceAndIsKeptAcrossARestart() {
    String run = h.say(ALICE, "!cd run 1 9");
    h.sayIn(run, ALICE, "3");
    h.restart();
    h.sayIn(run, ALICE, "prod");
    assertThat(h.lastBody()).contains("API key");

    h.clock.advance(Duration.ofMinutes(6));
    h.bot.tick();
    h.bot.tick();
    assertThat(thread(run).getLast()).contains("waited too long");
    assertThat(thread(run).stream().filter(b -> b.contains("waited too long"))).hasSize(1);
    int before = h.chat.count();
    h.sayIn(run, ALICE, SECRET);
    assertThat(h.chat.count()).isEqualTo(before);
    assertThat(h.stores.audit().recent(1).getFirst().outcome()).contains("expired");
  }

  @Test
  void allowListsAndRolesApplyBeforeAnythingIsAsked() {
    h.settings.set(h.settings.get().withAccess(Set.of(Harness.ROOM), Set.of(ALICE), true));
    h.policy(Harness.viewers(BOB));
    h.say(BOB, "!cd run 1 9");
    assertThat(h.lastBody()).contains("operator role");
    h.policy(Harness.roomScope(Harness.ROOM, Set.of(), Set.of(5L)));
    h.say(ALICE, "!cd run 1 9");
    assertThat(h.lastBody()).doesNotContain("❓");
    assertThat(h.stores.forms().all()).isEmpty();
  }

  @Test
  void anApproverSeesTheFilledInValuesWithSecretsMasked() {
    h.requireApproval(9);
    String run = h.say(ALICE, "!cd run 1 9 note=x region=eu");
    h.sayIn(run, ALICE, "replicas=1\nstage=1\napi_key=" + SECRET);
    assertThat(h.lastBody()).contains("second operator");
    String prompt = h.stores.confirmations().all().getFirst().promptEventId();
    h.sayIn(run, ALICE, "yes");
    assertThat(h.runner.started).isEmpty();
    h.react(BOB, prompt, "👍");

    assertThat(h.runner.started).hasSize(1);
    assertThat(h.runner.started.getFirst().secrets().values()).containsEntry("api_key", SECRET);
    String seen =
        h.chat.sent.stream()
            .filter(s -> s.eventId().equals(prompt))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(seen)
        .contains("replicas=1")
        .contains("stage=prod")
        .contains("api_key=" + SecretVars.MASK);
    assertNoSecretAnywhere();
  }

  @Test
  void aSecretQuestionInAnEncryptedRoomCarriesNoWarning() {
    h.chat.rooms.put(
        Harness.ROOM,
        new cd.chatrix.bot.port.RoomInfo(
            Harness.ROOM, "Ops", true, true, List.of(ALICE, BOB, Harness.BOT)));
    String run = h.say(ALICE, "!cd run 1 9 replicas=1 stage=1");
    assertThat(thread(run).getLast()).contains("❓ API key").doesNotContain("not encrypted");
  }

  @Test
  void whenTheSurveyCannotBeReadTheRunGoesOnWithTheListAndSaysSo() {
    h.runner.templateReadDown = true;
    h.say(ALICE, "!cd run 1 5");
    assertThat(h.lastBody())
        .contains("Run Deploy web")
        .contains("could not read this template's survey");
    h.say(ALICE, "yes");
    assertThat(h.runner.started).hasSize(1);
  }
}
