package cd.chatrix.app.boot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.tui.AliasView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConsoleActionsTest {
  private static final Duration RUN = Duration.ofSeconds(60);

  private LiveBot bot;
  private LiveConsoleModel model;
  private LiveConsoleActions actions;

  @BeforeAll
  void start() throws Exception {
    bot = LiveBot.start();
    model = new LiveConsoleModel(bot.running, List::of);
    actions = new LiveConsoleActions(bot.running);
  }

  @AfterAll
  void stop() {
    if (model != null) {
      model.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void sayPostsANoticeTheRoomSees() {
    actions.say(bot.room(), "Maintenance at <noon> & after");

    JsonNode notice =
        bot.awaitBotMessage(e ->
            "Maintenance at <noon> & after".equals(e.path("content").path("body").asString("")));
    assertThat(notice.path("content").path("msgtype").asString("")).isEqualTo("m.notice");
    assertThat(notice.path("content").path("formatted_body").asString(""))
        .contains("&lt;noon&gt; &amp; after");
  }

  @Test
  void anAliasAddedFromTheConsoleIsListedAndCanBeRemoved() {
    actions.addAlias("ship", "run 1 1");
    assertThat(model.aliases()).contains(new AliasView("ship", "run 1 1"));

    actions.removeAlias("ship");
    assertThat(model.aliases()).extracting(AliasView::alias).doesNotContain("ship");
    assertThatThrownBy(() -> actions.removeAlias("ship")).hasMessageContaining("no alias");
  }

  @Test
  void anAliasThatShadowsACommandIsRefused() {
    assertThatThrownBy(() -> actions.addAlias("run", "ping")).hasMessageContaining("built-in");
  }

  @Test
  void theLogLevelChangesForTheProjectLoggers() {
    String before = model.settings().logLevel();
    try {
      actions.setLogLevel("debug");
      assertThat(model.settings().logLevel()).isEqualTo("DEBUG");
    } finally {
      actions.setLogLevel(before);
    }
    assertThatThrownBy(() -> actions.setLogLevel("loud")).hasMessageContaining("not a log level");
  }

  @Test
  void settingsFromTheFileNameTheKeyToEditInsteadOfPretending() {
    assertThatThrownBy(() -> actions.setGreetings(false))
        .hasMessageContaining("bot.greetings_enabled");
    assertThatThrownBy(() -> actions.setCommandPrefix("!x"))
        .hasMessageContaining("bot.command_prefix");
    assertThatThrownBy(() -> actions.setPollInterval(Duration.ofSeconds(9)))
        .hasMessageContaining("plugins.semaphore_poll.poll_interval");
    assertThat(model.settings().commandPrefix()).isEqualTo("!cd");
  }

  @Test
  void aRunStartedFromChatCanBeStoppedFromTheConsole() {
    int plan = bot.sandbox.templates().plan();
    bot.person().sendText(bot.room(), "!cd run " + bot.sandbox.projectId() + " " + plan);
    bot.awaitBotMessage(
        e -> e.path("content").path("body").asString("").contains("Plan infrastructure"));
    bot.person().sendText(bot.room(), "yes");
    // The plan stops to wait for a confirm, so it is still stoppable when the console asks.
    await("the plan waits for a confirm")
        .atMost(RUN)
        .until(() ->
            model.tasks().stream()
                .anyMatch(t ->
                    t.template().equals("Plan infrastructure")
                        && t.status().equals("waiting_confirmation")));
    long id =
        model.tasks().stream()
            .filter(t -> t.template().equals("Plan infrastructure"))
            .findFirst()
            .orElseThrow()
            .id();

    actions.stopTask(id);

    await("Semaphore stopped the run")
        .atMost(RUN)
        .until(() -> !"waiting_confirmation".equals(bot.sandbox.semaphore().status((int) id)));
    assertThat(bot.sandbox.semaphore().status((int) id)).isIn("stopped", "error");
  }

  @Test
  void stoppingATaskTheBotDoesNotFollowSaysWhereToStopIt() {
    assertThatThrownBy(() -> actions.stopTask(987_654))
        .hasMessageContaining("does not follow task 987654");
  }

  @Test
  void quitRequestsTheBotsStop() throws Exception {
    Thread waiter =
        Thread.ofVirtual()
            .start(() -> {
              try {
                bot.shutdown.awaitStopRequest();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    actions.quit();
    assertThat(waiter.join(Duration.ofSeconds(10))).isTrue();
  }
}
