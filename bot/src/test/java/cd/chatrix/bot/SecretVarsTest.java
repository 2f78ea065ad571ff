package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.store.PendingAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Values of {@code secret} survey variables: masked in every message, edit and audit entry. */
class SecretVarsTest {
  private static final String SECRET = "s3cr3t-value-123";
  private final Harness h = new Harness();

  SecretVarsTest() {
    h.runner.template(
        new Template(
            7,
            1,
            "Rotate key",
            "",
            "ansible",
            Overrides.ALL,
            List.of(
                new SurveyVar("api_key", true, "secret", List.of()),
                new SurveyVar("region", false, "", List.of()))));
  }

  @Test
  void aSecretIsMaskedInThePromptTheStatusItsEditsAndTheAuditButReachesTheRunnerApart() {
    String command = h.say(ALICE, "!cd run 1 7 --env api_key=" + SECRET + " --env region=eu");
    assertThat(h.lastBody())
        .contains("api_key=" + SecretVars.MASK)
        .contains("region=eu")
        .contains("removing it");
    h.say(ALICE, "yes");
    h.bot.onTaskUpdate(
        h.runner.set(new TaskRef(1, 101), TaskState.RUNNING, Optional.empty(), Optional.empty()));
    h.bot.onTaskUpdate(
        h.runner.set(new TaskRef(1, 101), TaskState.SUCCESS, Optional.empty(), Optional.empty()));

    TaskRequest started = h.runner.started.getFirst();
    assertThat(started.secrets().values()).isEqualTo(Map.of("api_key", SECRET));
    assertThat(started.environment()).isEqualTo(Map.of("region", "eu"));
    assertThat(h.chat.edits).isNotEmpty();
    assertThat(
            Stream.concat(
                h.chat.sent.stream().map(s -> s.body() + s.html()),
                h.chat.edits.stream().map(e -> e.message().body() + e.message().html())))
        .isNotEmpty()
        .noneMatch(text -> text.contains(SECRET));
    assertThat(h.stores.audit().recent(10))
        .anyMatch(e -> e.detail().contains("api_key=" + SecretVars.MASK))
        .noneMatch(e -> e.toString().contains(SECRET));
    assertThat(h.stores.runs().byTaskId(101).orElseThrow().toString()).doesNotContain(SECRET);
    assertThat(h.chat.redactions).containsExactly(command);
  }

  @Test
  void nameEqualsValueAfterTheTemplateSetsTheSurveyVariableNotATag() {
    h.say(ALICE, "!cd run 1 7 api_key=" + SECRET + " region=eu web");
    assertThat(h.lastBody())
        .contains("api_key=" + SecretVars.MASK)
        .contains("region=eu")
        .contains("tags=web")
        .doesNotContain(SECRET);
    h.say(ALICE, "yes");

    TaskRequest started = h.runner.started.getFirst();
    assertThat(started.secrets().values()).isEqualTo(Map.of("api_key", SECRET));
    assertThat(started.environment()).isEqualTo(Map.of("region", "eu"));
    assertThat(started.tags()).containsExactly("web");
  }

  @Test
  void aRequestsTextNeverHoldsTheValue() {
    var request = TaskRequest.plain(7).withSecrets(SecretVars.of(Map.of("api_key", SECRET)));
    assertThat(request.toString()).doesNotContain(SECRET).contains("api_key=" + SecretVars.MASK);
    assertThat(request.describeOptions()).isEqualTo("env api_key=" + SecretVars.MASK);
    assertThat(request.secrets().toString()).doesNotContain(SECRET).contains("api_key");
    assertThat(request.secrets().withoutValues())
        .isEqualTo(new SecretVars(Map.of(), Set.of("api_key")));
  }

  @Test
  void aRunWhoseSecretWasNotKeptAcrossARestartAsksForItAgainAndStartsNothing() {
    h.say(ALICE, "!cd run 1 7 --env api_key=" + SECRET);
    String prompt = h.last().eventId();
    // What a store that never writes secret values gives back after a restart: the names only.
    var pending = h.stores.confirmations().all().getFirst();
    var run = (PendingAction.Run) pending.action();
    h.stores.confirmations().remove(pending.id());
    h.stores
        .confirmations()
        .save(
            pending.withAction(
                new PendingAction.Run(
                    run.projectId(),
                    run.projectName(),
                    run.templateName(),
                    run.request().withSecrets(run.request().secrets().withoutValues()))));
    h.restart();

    h.say(ALICE, "yes");

    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains("secret").contains("api_key").contains("again");
    assertThat(h.chat.lastEditOf(prompt).orElseThrow().message().body())
        .startsWith("⚠️ Not started");
    assertThat(h.stores.audit().recent(5))
        .anyMatch(e -> e.outcome().contains("secret value not kept"));
  }
}
