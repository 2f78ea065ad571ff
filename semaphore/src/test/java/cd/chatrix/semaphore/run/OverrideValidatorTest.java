package cd.chatrix.semaphore.run;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.semaphore.model.SurveyVar;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.TemplateOverrides;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverrideValidatorTest {

  private static Template template(
      String app, TemplateOverrides overrides, List<SurveyVar> survey) {
    return new Template(
        7,
        1,
        "deploy",
        "",
        app,
        "",
        "site.yml",
        Optional.empty(),
        Optional.of(1),
        Optional.of(2),
        Optional.of(3),
        Optional.empty(),
        Optional.empty(),
        survey,
        overrides,
        Optional.empty());
  }

  private static List<String> refused(Template t, RunOptions o) {
    return OverrideValidator.check(t, o).stream().map(Refusal::option).toList();
  }

  @Test
  void legacyTemplatesGateOnlyArgumentsAndTagsThatTravelAsArguments() {
    Template closed = template("ansible", TemplateOverrides.legacy(false), List.of());
    RunOptions everything =
        RunOptions.plain("x")
            .withTags(List.of("web"))
            .withSkipTags(List.of("slow"))
            .withArguments(List.of("-e", "a=1"))
            .withLimit(List.of("web1"))
            .withBranch("main")
            .withFlags(true, true, true);
    assertThat(refused(closed, everything)).containsExactly("tags", "skip-tags", "args");
    assertThat(refused(template("ansible", TemplateOverrides.legacy(true), List.of()), everything))
        .isEmpty();
  }

  @Test
  void newerTemplatesGateEachOption() {
    TemplateOverrides onlyTags =
        new TemplateOverrides(
            true, false, true, false, false, false, false, false, List.of(), List.of(), List.of());
    RunOptions options =
        RunOptions.plain("x")
            .withTags(List.of("web"))
            .withLimit(List.of("web1"))
            .withFlags(false, false, true);
    assertThat(refused(template("ansible", onlyTags, List.of()), options))
        .containsExactly("limit", "debug");
  }

  @Test
  void ansibleOnlyOptionsOnOtherApps() {
    Template tf = template("terraform", TemplateOverrides.legacy(true), List.of());
    assertThat(
            refused(tf, RunOptions.plain("x").withTags(List.of("a")).withFlags(true, false, false)))
        .containsExactly("tags", "dry-run");
  }

  @Test
  void surveyVariablesAreChecked() {
    List<SurveyVar> survey =
        List.of(
            new SurveyVar("version", "Version", "", "", true, List.of()),
            new SurveyVar("count", "", "", "int", false, List.of()),
            new SurveyVar(
                "env", "", "", "enum", false, List.of(new SurveyVar.Value("Prod", "prod"))));
    Template t = template("ansible", TemplateOverrides.legacy(false), survey);
    assertThat(refused(t, RunOptions.plain("x").withVars(Map.of("count", "two", "env", "dev"))))
        .containsExactly("version", "count", "env");
    assertThat(
            refused(
                t,
                RunOptions.plain("x")
                    .withVars(Map.of("version", "1.2", "count", "2", "env", "prod"))))
        .isEmpty();
  }
}
