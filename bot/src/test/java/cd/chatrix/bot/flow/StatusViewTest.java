package cd.chatrix.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusViewTest {
  private final BotSettings settings = BotSettings.defaults("@b:x", "https://sem.example/");
  private final Instant start = Instant.parse("2026-01-01T10:00:00Z");

  private MonitoredRun run(TaskState state, Optional<Instant> end, Optional<String> requester) {
    return new MonitoredRun(
        new TaskRef(3, 42),
        "!r:x",
        "$s",
        requester,
        Optional.of("@bob:x"),
        "Infra",
        "Deploy <b>",
        5,
        "tags=web",
        state,
        start,
        Optional.of(start),
        end,
        false,
        0);
  }

  @Test
  void runningShowsEverythingEscaped() {
    var r =
        StatusView.render(
            run(TaskState.RUNNING, Optional.empty(), Optional.of("@al:x")),
            settings,
            start.plusSeconds(30));
    assertThat(r.plain())
        .contains("Deploy <b>")
        .contains("task #42")
        .contains("running")
        .contains("Asked by @al:x")
        .contains("approved by @bob:x")
        .contains("tags=web")
        .contains("Running since 10:00:00 UTC")
        .contains("https://sem.example/project/3/history?t=42");
    assertThat(r.html()).contains("Deploy &lt;b&gt;").doesNotContain("<b>");
    assertThat(r.mentions()).as("edits must not notify").isEmpty();
  }

  @Test
  void terminalShowsDuration() {
    var r =
        StatusView.render(
            run(TaskState.ERROR, Optional.of(start.plusSeconds(3725)), Optional.empty()),
            settings,
            start);
    assertThat(r.plain())
        .contains("error")
        .contains("Took 1h 02m")
        .contains("Started outside chat");
  }
}
