package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.awaitUntil;
import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.RecordedRequest;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each command's happy path and its main error, through the real app: one bot for the class, a
 * fresh room per family, and the simulator's log for what reached Semaphore.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandScenariosTest {
  private static final String PET = "Purrs at the build server";
  private static final String SCOLD = "Hangs its head over the red pipeline";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LiveBot live;
  private int project;
  private int longHaul;

  @BeforeAll
  void startTheBot() {
    live =
        LiveBot.start(
            LiveBot.UNTHROTTLED,
            workDir -> {
              try {
                // The bot reads messages.json beside its config.
                Files.writeString(
                    workDir.resolve("messages.json"),
                    "{\"pet\": [\"" + PET + "\"], \"scold\": [\"" + SCOLD + "\"]}");
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    project = (int) live.project();
    longHaul =
        live.sandbox()
            .semaphore()
            .createTemplate(
                project, TemplateSpec.ansible("Long haul").withScript(RunScript.longRunning()));
  }

  @AfterAll
  void stopTheBot() {
    live.close();
  }

  @Test
  void helpListsTheCommandsExplainsOneAndSuggestsOnATypo() {
    String room = live.newRoom("help");
    assertThat(answer(room, "!cd help"))
        .contains("!cd run")
        .contains("!cd logs")
        .contains("!cd stop");
    assertThat(answer(room, "!cd help run"))
        .contains("!cd run [project] [template]")
        .contains("--skip-tags");
    assertThat(answer(room, "!cd help stp")).contains("Did you mean stop");
    assertThat(answer(room, "!cd stauts 4")).contains("Did you mean").contains("!cd status");
  }

  @Test
  void projectsAndTemplatesAreListedAndAnUnknownProjectIsNamed() {
    String room = live.newRoom("catalog");
    assertThat(answer(room, "!cd projects")).contains("Demo shop").contains("id " + project);
    assertThat(answer(room, "!cd templates " + project))
        .contains("Deploy web")
        .contains("Patch database")
        .contains("Plan infrastructure");
    assertThat(answer(room, "!cd templates Demo")).contains("Deploy web");
    assertThat(answer(room, "!cd templates nope"))
        .contains("No project matches")
        .contains("!cd projects");
  }

  @Test
  void aRunWithOptionsTheTemplateDoesNotAllowIsRefusedBeforeAnythingStarts() {
    String room = live.newRoom("run refused");
    long before = live.tasksStarted();
    int deploy = live.sandbox().templates().deploy();

    assertThat(answer(room, "!cd run " + project + " " + deploy + " --limit=web1"))
        .contains("does not accept")
        .contains("--limit")
        .contains("Nothing was started");
    assertThat(answer(room, "!cd run " + project + " " + deploy + " --tag=web"))
        .contains("Unknown option --tag")
        .contains("--tags");
    assertThat(answer(room, "!cd run " + project + " 9999")).contains("No template matches");
    // Nothing to confirm: a "yes" now starts nothing.
    live.say(room, "yes");
    assertThat(answer(room, "!cd ping")).contains("Semaphore 2.12");
    assertThat(live.tasksStarted()).isEqualTo(before);
  }

  /** §11.1.8 of the original: arguments reach Semaphore as a JSON list; tags may hold digits. */
  @Test
  void aRunWithArgumentsAndTagsSendsThemToSemaphoreAsGiven() {
    String room = live.newRoom("run with options");
    int open =
        live.sandbox()
            .semaphore()
            .createTemplate(
                project,
                TemplateSpec.ansible("Open play")
                    .withAllowArgs(true)
                    .withTaskParams(TemplateSpec.TaskParams.all()));
    String tasks = "/api/project/" + project + "/tasks";
    int postsBefore = live.sandbox().semaphore().requests().matching(r -> isStart(r, tasks)).size();

    assertThat(
            answer(room, "!cd run " + project + " " + open + " web_1 v2 --args='-e \"x=1 y=2\"'"))
        .contains("Open play")
        .contains("web_1");
    live.say(room, "yes");
    awaitUntil(
        "the task was started",
        () ->
            live.sandbox().semaphore().requests().matching(r -> isStart(r, tasks)).size()
                > postsBefore);

    JsonNode sent =
        JSON.readTree(
            live.sandbox()
                .semaphore()
                .requests()
                .matching(r -> isStart(r, tasks))
                .getLast()
                .body());
    List<String> arguments = new ArrayList<>();
    JSON.readTree(sent.path("arguments").asString("[]")).forEach(a -> arguments.add(a.asString()));
    assertThat(arguments).containsSubsequence("-e", "x=1 y=2");
    assertThat(sent.toString()).contains("web_1").contains("v2");
  }

  private static boolean isStart(RecordedRequest r, String tasksPath) {
    return "POST".equals(r.method()) && tasksPath.equals(r.path());
  }

  @Test
  void statusAndLogsOfATaskStartedOutsideChat() {
    String room = live.newRoom("status and logs");
    int task = live.sandbox().semaphore().startTask(project, live.sandbox().templates().deploy());
    awaitUntil("task " + task + " succeeds", () -> "success".equals(status(task)));

    assertThat(answer(room, "!cd status " + task))
        .contains("#" + task)
        .contains("Deploy web")
        .contains("success")
        .contains("/project/" + project + "/history?t=" + task);
    assertThat(answer(room, "!cd status 9999")).contains("can't find task #9999");
    assertThat(answer(room, "!cd logs " + task + " --tail 2"))
        .contains("last 2 of")
        .contains("ok=2")
        .doesNotContain("Gathering Facts")
        .doesNotContain("\u001b");
    assertThat(answer(room, "!cd logs " + task + " --tail x"))
        .contains("--tail takes a positive number");
  }

  @Test
  void stopAsksFirstThenStopsTheTaskInSemaphore() {
    String room = live.newRoom("stop");
    int task = live.sandbox().semaphore().startTask(project, longHaul);
    awaitUntil("task " + task + " runs", () -> "running".equals(status(task)));
    String stopPath = "/api/project/" + project + "/tasks/" + task + "/stop";

    assertThat(answer(room, "!cd stop " + task))
        .contains("Stop task #" + task)
        .contains("Long haul");
    assertThat(live.sandbox().semaphore().requests().count("POST", stopPath)).isZero();

    live.say(room, "yes");
    awaitUntil(
        "the stop reached Semaphore",
        () -> live.sandbox().semaphore().requests().count("POST", stopPath) == 1);
    awaitUntil("task " + task + " ended", () -> List.of("stopped", "error").contains(status(task)));
    assertThat(answer(room, "!cd stop " + task)).contains("has already ended");
    assertThat(answer(room, "!cd stop 9999")).contains("can't find task #9999");
  }

  @Test
  void confirmAndRejectAnswerATaskThatWaitsInSemaphore() {
    String room = live.newRoom("confirm and reject");
    int plan = live.sandbox().templates().plan();
    int refused = live.sandbox().semaphore().startTask(project, plan);
    int allowed = live.sandbox().semaphore().startTask(project, plan);
    awaitUntil(
        "both tasks wait",
        () ->
            "waiting_confirmation".equals(status(refused))
                && "waiting_confirmation".equals(status(allowed)));

    assertThat(answer(room, "!cd reject " + refused)).contains("#" + refused).contains("refused");
    awaitUntil("task " + refused + " was stopped", () -> "stopped".equals(status(refused)));

    assertThat(answer(room, "!cd confirm " + allowed))
        .contains("#" + allowed)
        .contains("may go on");
    awaitUntil("task " + allowed + " succeeds", () -> "success".equals(status(allowed)));
    assertThat(
            live.sandbox()
                .semaphore()
                .requests()
                .count("POST", "/api/project/" + project + "/tasks/" + allowed + "/confirm"))
        .isEqualTo(1);

    assertThat(answer(room, "!cd confirm " + allowed)).contains("not waiting for confirmation");
  }

  @Test
  void pingAndInfoAnswerAndADownSemaphoreIsSaidSo() {
    String room = live.newRoom("ping");
    assertThat(answer(room, "!cd ping")).contains("Semaphore 2.12");
    assertThat(answer(room, "!cd info"))
        .contains("ChatrixCD")
        .contains("Rooms: ")
        .contains("Monitored tasks: ")
        .contains("2.12");

    live.sandbox().semaphore().faults().failNext(50, 500);
    try {
      assertThat(answer(room, "!cd ping")).contains("Semaphore does not answer");
    } finally {
      live.sandbox().semaphore().faults().reset();
    }
    assertThat(answer(room, "!cd ping")).contains("Semaphore 2.12");
  }

  @Test
  void adminsAndRoomsAreListedAndAFailedJoinIsReported() {
    String room = live.newRoom("admins and rooms");
    assertThat(answer(room, "!cd admins")).contains(live.person().userId());
    assertThat(answer(room, "!cd rooms")).contains(room).contains(live.room());
    assertThat(answer(room, "!cd rooms join #nowhere:localhost"))
        .contains("Could not join #nowhere:localhost");
    assertThat(answer(room, "!cd rooms join")).contains("Syntax: !cd rooms");
  }

  @Test
  void petAndScoldAnswerWithTheMessagesFile() {
    String room = live.newRoom("personality");
    assertThat(answer(room, "!cd pet")).contains(PET);
    assertThat(answer(room, "!cd scold")).contains(SCOLD);
  }

  @Test
  void auditListsStateChangingActionsWithWhoDidThem() {
    String room = live.newRoom("audit");
    answer(room, "!cd aliases add audited ping");
    answer(room, "!cd aliases remove audited");

    assertThat(answer(room, "!cd audit 5"))
        .contains("alias add")
        .contains("alias remove")
        .contains(live.person().userId());
    assertThat(answer(room, "!cd audit zero")).contains("Syntax: !cd audit [N]");
  }

  private String answer(String room, String command) {
    return body(live.ask(room, command));
  }

  private String status(int task) {
    return live.sandbox().semaphore().status(task);
  }
}
