package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.ops.SemaphoreAlertParser.Result;
import cd.chatrix.semaphore.model.TaskStatus;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SemaphoreAlertParserTest {
  private final SemaphoreAlertParser parser = new SemaphoreAlertParser();

  private SemaphoreAlert parsed(String body) {
    Result result = parser.parse(body);
    assertThat(result).isInstanceOf(Result.Parsed.class);
    return ((Result.Parsed) result).alert();
  }

  @Test
  void readsEveryFieldOfASlackAlert() {
    String url = SemaphorePayloads.taskUrl(3, 7, 1042);
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.slack(
                "Deploy web", url, 1042, "\u274CERROR", "danger", "Alice Doe", "1.4.2"));

    assertThat(alert.taskId()).isEqualTo(1042);
    assertThat(alert.projectId()).isEqualTo(OptionalLong.of(3));
    assertThat(alert.templateId()).isEqualTo(OptionalLong.of(7));
    assertThat(alert.templateName()).isEqualTo("Deploy web");
    assertThat(alert.status()).contains(TaskStatus.ERROR);
    assertThat(alert.author()).isEqualTo("Alice Doe");
    assertThat(alert.version()).isEqualTo("1.4.2");
    assertThat(alert.taskUrl()).isEqualTo(url);
    assertThat(alert.format()).isEqualTo(SemaphoreAlert.Format.SLACK);
  }

  @Test
  void anEmDashAuthorMeansNobodyAndAMissingVersionStaysEmpty() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.slack(
                "Nightly",
                SemaphorePayloads.taskUrl(1, 2, 5),
                5,
                "\u2705SUCCESS",
                "good",
                "\u2014",
                ""));

    assertThat(alert.author()).isEmpty();
    assertThat(alert.version()).isEmpty();
    assertThat(alert.status()).contains(TaskStatus.SUCCESS);
  }

  @Test
  void readsTheWaitingConfirmationResultWithItsVariationSelector() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.slack(
                "Prod",
                SemaphorePayloads.taskUrl(1, 2, 9),
                9,
                "\u26A0\uFE0FWAITING_CONFIRMATION",
                "#FFFC33",
                "bob",
                ""));

    assertThat(alert.status()).contains(TaskStatus.WAITING_CONFIRMATION);
  }

  @Test
  void readsTheSpacedResultOfNewerReleases() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.slack(
                "Prod", SemaphorePayloads.taskUrl(1, 2, 9), 9, "\u274C ERROR", "danger", "b", ""));

    assertThat(alert.status()).contains(TaskStatus.ERROR);
  }

  @Test
  void readsARocketChatAlert() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.rocketChat(
                "Build", SemaphorePayloads.taskUrl(4, 8, 77), 77, "\u2705SUCCESS", "#00EE00"));

    assertThat(alert.format()).isEqualTo(SemaphoreAlert.Format.ROCKET_CHAT);
    assertThat(alert.taskId()).isEqualTo(77);
    assertThat(alert.projectId()).isEqualTo(OptionalLong.of(4));
    assertThat(alert.templateName()).isEqualTo("Build");
    assertThat(alert.status()).contains(TaskStatus.SUCCESS);
  }

  @Test
  void readsATeamsCardThroughItsFacts() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.teams(
                "Rollback", SemaphorePayloads.taskUrl(2, 3, 31), 31, "\u274CERROR", "carol"));

    assertThat(alert.format()).isEqualTo(SemaphoreAlert.Format.OTHER_JSON);
    assertThat(alert.taskId()).isEqualTo(31);
    assertThat(alert.templateName()).isEqualTo("Rollback");
    assertThat(alert.author()).isEqualTo("carol");
    assertThat(alert.status()).contains(TaskStatus.ERROR);
  }

  @Test
  void keepsARelativeLinkWhenSemaphoreHasNoWebHost() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.slack(
                "x", "/project/5/templates/6?t=12", 12, "\u2705SUCCESS", "good", "a", ""));

    assertThat(alert.taskUrl()).isEqualTo("/project/5/templates/6?t=12");
    assertThat(alert.projectId()).isEqualTo(OptionalLong.of(5));
  }

  @Test
  void recoversAnAlertWhoseTemplateNameBrokeTheJson() {
    // Semaphore does not escape template values, so this body is not valid JSON.
    String body =
        SemaphorePayloads.slack(
            "Deploy \"blue\" stack",
            SemaphorePayloads.taskUrl(3, 7, 55),
            55,
            "\u274CERROR",
            "danger",
            "dave",
            "");

    SemaphoreAlert alert = parsed(body);

    assertThat(alert.format()).isEqualTo(SemaphoreAlert.Format.BROKEN_JSON);
    assertThat(alert.taskId()).isEqualTo(55);
    assertThat(alert.templateName()).isEqualTo("Deploy \"blue\" stack");
    assertThat(alert.author()).isEqualTo("dave");
    assertThat(alert.status()).contains(TaskStatus.ERROR);
  }

  @Test
  void refusesTextThatIsNeitherJsonNorAnAlert() {
    Result result = parser.parse("{\"attachments\": [ oops");

    assertThat(result).isInstanceOf(Result.Malformed.class);
    assertThat(((Result.Malformed) result).reason())
        .startsWith("the body is not valid JSON at line");
  }

  @Test
  void refusesJsonThatIsNotAnObject() {
    assertThat(parser.parse("[1, 2]")).isEqualTo(new Result.Malformed("expected a JSON object"));
  }

  @Test
  void refusesJsonWithoutATask() {
    assertThat(parser.parse("{\"text\": \"hello\"}")).isInstanceOf(Result.NotAnAlert.class);
  }

  @Test
  void anUnknownStatusIsKeptVerbatim() {
    SemaphoreAlert alert =
        parsed(
            SemaphorePayloads.slack(
                "x", SemaphorePayloads.taskUrl(1, 1, 1), 1, "\u2753PAUSED", "", "a", ""));

    assertThat(alert.status()).isEqualTo(Optional.of(TaskStatus.parse("paused")));
  }
}
