package cd.chatrix.app.boot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.tui.LogLine;
import cd.chatrix.app.tui.RoomView;
import cd.chatrix.app.tui.StatusSnapshot;
import cd.chatrix.app.tui.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConsoleModelTest {
  private static final Duration RUN = Duration.ofSeconds(60);
  private static final List<LogLine> LOGS =
      List.of(new LogLine(Instant.EPOCH, "INFO", "Test", "a line for the Logs screen"));

  private LiveBot bot;
  private LiveConsoleModel model;

  @BeforeAll
  void start() throws Exception {
    bot = LiveBot.start();
    model = new LiveConsoleModel(bot.running, () -> LOGS);
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
  void statusShowsTheConnectedBotAndItsRoom() {
    StatusSnapshot status = model.status();

    assertThat(status.matrix().state()).isEqualTo(StatusSnapshot.ConnectionState.CONNECTED);
    assertThat(status.matrix().userId()).isEqualTo(bot.sandbox.botUserId());
    assertThat(status.matrix().deviceId()).isNotBlank();
    assertThat(status.matrix().rooms()).isGreaterThanOrEqualTo(1);
    assertThat(status.uptime().isNegative()).isFalse();
  }

  @Test
  void aLongSilenceMeansReconnectingAndAStoppedLoopIsNotConnected() {
    assertThat(LiveConsoleModel.connection(false, true, Optional.empty()))
        .isEqualTo(StatusSnapshot.ConnectionState.CONNECTED);
    assertThat(LiveConsoleModel.connection(false, true, Optional.of(Duration.ofSeconds(31))))
        .isEqualTo(StatusSnapshot.ConnectionState.CONNECTED);
    assertThat(LiveConsoleModel.connection(false, true, Optional.of(Duration.ofMinutes(3))))
        .isEqualTo(StatusSnapshot.ConnectionState.RECONNECTING);
    assertThat(LiveConsoleModel.connection(false, false, Optional.empty()))
        .isEqualTo(StatusSnapshot.ConnectionState.STOPPING);
    assertThat(LiveConsoleModel.connection(true, false, Optional.empty()))
        .isEqualTo(StatusSnapshot.ConnectionState.DISCONNECTED);
  }

  @Test
  void semaphoreIsReportedReachableWithItsVersion() {
    await("Semaphore reachable")
        .atMost(LiveBot.ANSWER)
        .until(() -> model.status().semaphore().reachable());
    assertThat(model.status().semaphore().version()).isNotBlank();
  }

  @Test
  void roomsListTheDemoRoomWhereTheBotMaySpeak() {
    assertThat(model.rooms())
        .filteredOn(r -> r.id().equals(bot.room()))
        .singleElement()
        .satisfies(r -> assertThat(r.maySpeak()).isTrue())
        .extracting(RoomView::members)
        .satisfies(members -> assertThat(members).isGreaterThanOrEqualTo(2));
  }

  @Test
  void adminsComeFromTheSettings() {
    assertThat(model.admins()).contains(bot.person().userId());
  }

  @Test
  void sessionsIncludeTheBotsOwnDevice() {
    assertThat(model.sessions())
        .anyMatch(d ->
            d.userId().equals(bot.sandbox.botUserId())
                && d.deviceId().equals(bot.running.matrix().session().deviceId()));
  }

  @Test
  void effectiveConfigIsTheRenderedConfiguration() {
    assertThat(model.effectiveConfig()).contains("homeserver").contains("semaphore");
  }

  @Test
  void settingsReflectTheConfiguration() {
    assertThat(model.settings().commandPrefix()).isEqualTo("!cd");
    assertThat(model.settings().pollInterval()).isPositive();
    assertThat(model.settings().logLevel()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  }

  @Test
  void recentLogsComeFromTheGivenBuffer() {
    assertThat(model.recentLogs()).isEqualTo(LOGS);
  }

  @Test
  void aRunStartedFromChatAppearsInTasks() {
    int template = bot.sandbox.templates().deploy();
    bot.person().sendText(bot.room(), "!cd run " + bot.sandbox.projectId() + " " + template);
    bot.awaitBotMessage(e -> e.path("content").path("body").asString("").contains("Deploy web"));
    bot.person().sendText(bot.room(), "yes");

    await("the run is listed")
        .atMost(RUN)
        .until(() -> model.tasks().stream().anyMatch(t -> t.template().equals("Deploy web")));
    TaskView run =
        model.tasks().stream().filter(t -> t.template().equals("Deploy web")).findFirst().get();
    assertThat(run.requestedBy()).isEqualTo(bot.person().userId());
    assertThat(run.id()).isPositive();
    // Once it ends it stays on the list, no longer stoppable.
    await("the run ends")
        .atMost(RUN)
        .until(() ->
            model.tasks().stream()
                .anyMatch(t -> t.id() == run.id() && !t.running() && !t.status().isBlank()));
  }
}
