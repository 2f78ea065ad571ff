package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.FakeRunner;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projects and templates by name, and numbered lists when the bot cannot tell which is meant. */
class GuidedPickTest {
  private final Harness h = new Harness();

  GuidedPickTest() {
    h.runner
        .project(2, "Apps")
        .template(2, 20, "Deploy web", Overrides.ALL)
        .template(2, 21, "Deploy with options", Overrides.ALL)
        .template(
            new Template(
                22,
                2,
                "Release",
                "",
                "ansible",
                Overrides.ALL,
                List.of(
                    FakeRunner.choiceVar(
                        "stage",
                        "Stage",
                        new SurveyVar.Choice("Production", "prod"),
                        new SurveyVar.Choice("Staging", "stg")))));
  }

  @Test
  void runWithoutArgumentsOffersProjectsThenTemplates() {
    h.say(ALICE, "!cd run");
    assertThat(h.lastBody())
        .contains("Which project?")
        .contains("1) Infra (1)")
        .contains("2) Apps");
    h.say(ALICE, "2");
    assertThat(h.lastBody())
        .contains("Which template of Apps?")
        .contains("1) Deploy web (20)")
        .contains("3) Release (22)");
    h.say(ALICE, "1");
    assertThat(h.lastBody()).contains("Run Deploy web (template 20) of Apps?");
    h.say(ALICE, "yes");
    assertThat(h.runner.started)
        .singleElement()
        .satisfies(r -> assertThat(r.templateId()).isEqualTo(20));
  }

  @Test
  void anAmbiguousNameIsANumberedChoiceAndOptionsCarryOver() {
    h.say(ALICE, "!cd run apps deploy --limit=web1 --dry-run");
    assertThat(h.lastBody())
        .contains("\"deploy\" matches several templates of Apps")
        .contains("1) Deploy web (20)")
        .contains("2) Deploy with options (21)");
    h.say(BOB, "2");
    assertThat(h.runner.started).isEmpty();
    h.say(ALICE, "9");
    assertThat(h.lastBody()).contains("from 1 to 2");
    h.say(ALICE, "2");
    assertThat(h.lastBody())
        .contains("Deploy with options")
        .contains("limit=web1")
        .contains("dry-run");
    h.say(ALICE, "yes");
    assertThat(h.runner.started.getFirst().limit()).containsExactly("web1");
    assertThat(h.runner.started.getFirst().dryRun()).isTrue();
  }

  @Test
  void namesMatchByWordsAndAnUnknownNameOffersEveryTemplate() {
    h.say(ALICE, "!cd run \"apps\" \"web dep\"");
    assertThat(h.lastBody()).contains("Run Deploy web (template 20) of Apps?");
    h.say(ALICE, "no");
    h.say(ALICE, "!cd run apps frobnicate");
    assertThat(h.lastBody())
        .contains("No template of Apps matches \"frobnicate\"")
        .contains("3) Release");
    h.say(ALICE, "3");
    assertThat(h.lastBody()).contains("❓ Stage");
  }

  @Test
  void anAliasMayCarryValuesAndNamesAreResolvedLikeTyped() {
    h.say(ALICE, "!cd aliases add release-prod run apps release stage=Production");
    h.say(ALICE, "!cd release-prod");
    assertThat(h.lastBody()).contains("Run Release (template 22) of Apps?").contains("stage=prod");
    h.say(ALICE, "yes");
    assertThat(h.runner.started.getFirst().environment()).isEqualTo(Map.of("stage", "prod"));
  }

  @Test
  void aPlainNumberIsNotTakenWhenNothingWasOffered() {
    h.say(ALICE, "!cd run 1 5");
    int before = h.chat.count();
    h.say(ALICE, "1");
    assertThat(h.chat.count()).isEqualTo(before);
    assertThat(h.runner.started).isEmpty();
  }

  @Test
  void helpShowsAGuidedRunAsATranscriptWithThePrefixInUse() {
    h.settings.set(h.settings.get().withPrefix("!ops"));
    h.say(ALICE, "!ops help run");
    assertThat(h.lastBody())
        .contains("you: !ops run infra release")
        .contains("❓ Replicas (replicas)? A whole number.")
        .doesNotContain("{prefix}");
    assertThat(h.last().html()).contains("you: 3<br>");
  }
}
