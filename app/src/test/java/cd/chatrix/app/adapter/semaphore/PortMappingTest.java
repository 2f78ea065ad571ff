package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.TaskRequests;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.semaphore.model.SurveyVar;
import cd.chatrix.semaphore.model.TaskOutputLine;
import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.TemplateOverrides;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortMappingTest {

  private static TaskOutputLine line(String text) {
    return new TaskOutputLine(1, Optional.empty(), Instant.EPOCH, text);
  }

  @Test
  void outputOffsetsNeverGoBackwards() {
    var all = List.of(line("a"), line("b"), line("c"));

    assertThat(PortMapping.output(all, 1).lines()).containsExactly("b", "c");
    assertThat(PortMapping.output(all, 1).nextOffset()).isEqualTo(3);
    assertThat(PortMapping.output(all, -4).lines()).containsExactly("a", "b", "c");
    assertThat(PortMapping.output(all, 5).lines()).isEmpty();
    assertThat(PortMapping.output(all, 5).nextOffset()).isEqualTo(5);
  }

  @Test
  void statesFollowTheWireNamesAndUnknownOnesStayUnknown() {
    assertThat(PortMapping.state(TaskStatus.WAITING_CONFIRMATION))
        .isEqualTo(TaskState.WAITING_CONFIRMATION);
    assertThat(PortMapping.state(TaskStatus.SUCCESS)).isEqualTo(TaskState.SUCCESS);
    assertThat(PortMapping.state(new TaskStatus.Other("paused"))).isEqualTo(TaskState.UNKNOWN);
  }

  @Test
  void secretSurveyAnswersTravelApartFromOtherVariables() {
    var template =
        new Template(
            3,
            1,
            "deploy",
            "",
            "",
            "",
            "site.yml",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(new SurveyVar("token", "Token", "", "secret", true, List.of())),
            TemplateOverrides.legacy(true),
            Optional.empty());
    var request =
        TaskRequests.template(3)
            .branch("main")
            .environment(Map.of("token", "abc", "stage", "prod"))
            .diff()
            .debug()
            .message("why")
            .build();

    var options = PortMapping.options(request, template);

    assertThat(options.vars()).isEqualTo(Map.of("stage", "prod"));
    assertThat(options.secretVars()).isEqualTo(Map.of("token", "abc"));
    assertThat(options.branch()).contains("main");
    assertThat(options.diff()).isTrue();
    assertThat(options.debug()).isTrue();
    assertThat(options.message()).isEqualTo("why");
    assertThat(PortMapping.template(template).app()).isEqualTo("ansible");
  }

  @Test
  void secretsTheBotMarkedGoAsSecretsAndForgottenOnesStopTheStart() {
    var template =
        new Template(
            3,
            1,
            "deploy",
            "",
            "",
            "",
            "site.yml",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            TemplateOverrides.legacy(true),
            Optional.empty());
    var marked =
        TaskRequest.plain(3).withSecrets(SecretVars.of(Map.of("api_key", "s3cr3t-value-123")));

    var options = PortMapping.options(marked, template);

    assertThat(options.secretVars()).isEqualTo(Map.of("api_key", "s3cr3t-value-123"));
    assertThat(options.vars()).isEmpty();
    var forgotten = marked.withSecrets(marked.secrets().withoutValues());
    assertThatThrownBy(() -> PortMapping.options(forgotten, template))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("api_key")
        .hasMessageNotContaining("s3cr3t");
  }
}
