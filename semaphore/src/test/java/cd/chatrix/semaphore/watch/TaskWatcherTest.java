package cd.chatrix.semaphore.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.semaphore.watch.TaskEvent.Source;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskWatcherTest {
  private SemaphoreSimulator sim;
  private SemaphoreClient client;
  private final List<TaskEvent> events = new CopyOnWriteArrayList<>();
  private int project;
  private int template;

  @BeforeEach
  void setUp() {
    sim = SemaphoreSimulator.start(Shape.V2_12);
    client =
        SemaphoreClient.create(
            SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())));
    project = sim.createProject("infra");
    template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
  }

  @AfterEach
  void tearDown() {
    client.close();
    sim.close();
  }

  private static WatcherSettings fast(boolean push) {
    return WatcherSettings.defaults()
        .withPush(push)
        .withPolling(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(60))
        .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400));
  }

  private List<TaskStatus> statuses(int taskId) {
    return events.stream()
        .filter(e -> e.taskId() == taskId && e instanceof TaskEvent.StatusChanged)
        .map(e -> ((TaskEvent.StatusChanged) e).to())
        .toList();
  }

  private long terminals(int taskId) {
    return events.stream().filter(e -> e.taskId() == taskId && e.terminal()).count();
  }

  private void awaitStatus(int taskId, TaskStatus status) {
    await().atMost(10, TimeUnit.SECONDS).until(() -> statuses(taskId).contains(status));
  }

  @Test
  void pushReportsEachChangeOnceAndOneTerminalEvent() {
    int id = sim.seedTasks(project, template, 1, "waiting").getFirst();
    try (var watcher = new TaskWatcher(client, fast(true), events::add)) {
      watcher.start();
      await().atMost(10, TimeUnit.SECONDS).until(watcher::pushConnected);
      watcher.watch(project, id);
      awaitStatus(id, TaskStatus.WAITING);
      sim.setStatus(id, "starting");
      sim.setStatus(id, "running");
      sim.appendOutput(id, "TASK [ping] ****");
      sim.setStatus(id, "success");
      await().atMost(10, TimeUnit.SECONDS).until(() -> terminals(id) == 1);
      assertThat(statuses(id))
          .containsExactly(
              TaskStatus.WAITING, TaskStatus.STARTING, TaskStatus.RUNNING, TaskStatus.SUCCESS);
      assertThat(events)
          .filteredOn(e -> e instanceof TaskEvent.StatusChanged s && s.to() != TaskStatus.WAITING)
          .allMatch(e -> ((TaskEvent.StatusChanged) e).source() == Source.PUSH);
      assertThat(events)
          .anyMatch(e -> e instanceof TaskEvent.LogLine l && l.text().equals("TASK [ping] ****"));
      assertThat(watcher.watched()).isEmpty();
    }
  }

  @Test
  void aWatcherThatNeverStartedClosesQuietly() {
    var watcher = new TaskWatcher(client, fast(true), events::add);

    watcher.close();

    assertThat(events).isEmpty();
  }

  @Test
  void aHandlerThatThrowsAnErrorDoesNotStopLaterUpdates() {
    int first = sim.seedTasks(project, template, 1, "running").getFirst();
    int second = sim.seedTasks(project, template, 1, "running").getFirst();
    java.util.function.Consumer<TaskEvent> brittle =
        e -> {
          if (e instanceof TaskEvent.StatusChanged c && c.taskId() == first) {
            throw new LinkageError("as when classes change under a running process");
          }
          events.add(e);
        };
    try (var watcher = new TaskWatcher(client, fast(false), brittle)) {
      watcher.start();
      watcher.watch(project, first);
      watcher.watch(project, second);
      awaitStatus(second, TaskStatus.RUNNING);
      sim.setStatus(second, "success");

      await().atMost(10, TimeUnit.SECONDS).until(() -> terminals(second) == 1);
    }
  }

  @Test
  void killingTheWebsocketMidRunLosesNothingAndRepeatsNoTerminal() {
    int other = sim.createProject("apps");
    int otherTemplate = sim.createTemplate(other, TemplateSpec.ansible("apps"));
    int a = sim.seedTasks(project, template, 1, "running").getFirst();
    int b = sim.seedTasks(project, template, 1, "running").getFirst();
    int c = sim.seedTasks(other, otherTemplate, 1, "running").getFirst();
    try (var watcher = new TaskWatcher(client, fast(true), events::add)) {
      watcher.start();
      await().atMost(10, TimeUnit.SECONDS).until(watcher::pushConnected);
      watcher.resume(
          List.of(
              WatchedTask.fresh(project, a),
              WatchedTask.fresh(project, b),
              WatchedTask.fresh(other, c)));
      awaitStatus(a, TaskStatus.RUNNING);
      awaitStatus(b, TaskStatus.RUNNING);
      awaitStatus(c, TaskStatus.RUNNING);
      sim.setStatus(b, "waiting_confirmation");
      awaitStatus(b, TaskStatus.WAITING_CONFIRMATION);

      sim.faults().refuseWebsockets(true);
      sim.dropWebsockets();
      await().atMost(10, TimeUnit.SECONDS).until(() -> !watcher.pushConnected());
      int before = events.size();

      sim.setStatus(a, "success");
      sim.setStatus(b, "confirmed");
      awaitStatus(b, TaskStatus.CONFIRMED);
      sim.setStatus(b, "running");
      await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> statuses(b).stream().filter(s -> s == TaskStatus.RUNNING).count() == 2);
      sim.setStatus(b, "error");
      sim.setStatus(c, "stopped");
      await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> terminals(a) == 1 && terminals(b) == 1 && terminals(c) == 1);
      assertThat(events.subList(before, events.size()))
          .as("after the drop every change came from polling")
          .allMatch(e -> !(e instanceof TaskEvent.StatusChanged s) || s.source() == Source.POLL);

      sim.faults().refuseWebsockets(false);
      await().atMost(10, TimeUnit.SECONDS).until(watcher::pushConnected);
      // Semaphore relabels a finished task "stopped" when asked to stop it; that must not end it
      // twice.
      sim.setStatus(a, "stopped");
      sim.setStatus(b, "stopped");
      watcher.watch(project, sim.seedTasks(project, template, 1, "running").getFirst());
      await()
          .atMost(10, TimeUnit.SECONDS)
          .until(() -> events.size() > 0 && watcher.watched().size() == 1);

      assertThat(statuses(a)).containsExactly(TaskStatus.RUNNING, TaskStatus.SUCCESS);
      assertThat(statuses(b))
          .containsExactly(
              TaskStatus.RUNNING,
              TaskStatus.WAITING_CONFIRMATION,
              TaskStatus.CONFIRMED,
              TaskStatus.RUNNING,
              TaskStatus.ERROR);
      assertThat(statuses(c)).containsExactly(TaskStatus.RUNNING, TaskStatus.STOPPED);
      assertThat(List.of(terminals(a), terminals(b), terminals(c))).containsOnly(1L);
      assertThat(sim.requests().matching(r -> r.path().matches(".*/tasks/\\d+$")))
          .as("polling is batched per project: no single-task requests")
          .isEmpty();
    }
  }

  @Test
  void resumeReportsWhatHappenedWhileAway() {
    int done = sim.seedTasks(project, template, 1, "running").getFirst();
    int still = sim.seedTasks(project, template, 1, "running").getFirst();
    int reported = sim.seedTasks(project, template, 1, "success").getFirst();
    sim.setStatus(done, "success");
    try (var watcher = new TaskWatcher(client, fast(false), events::add)) {
      watcher.start();
      watcher.resume(
          List.of(
              new WatchedTask(project, done, Optional.of(TaskStatus.RUNNING)),
              new WatchedTask(project, still, Optional.of(TaskStatus.RUNNING)),
              new WatchedTask(project, reported, Optional.of(TaskStatus.SUCCESS))));
      await().atMost(10, TimeUnit.SECONDS).until(() -> terminals(done) == 1);
      assertThat(events)
          .filteredOn(e -> e.taskId() == done && e instanceof TaskEvent.StatusChanged)
          .singleElement()
          .isEqualTo(
              new TaskEvent.StatusChanged(
                  project, done, Optional.of(TaskStatus.RUNNING), TaskStatus.SUCCESS, Source.POLL));
      assertThat(watcher.watched())
          .containsExactly(new WatchedTask(project, still, Optional.of(TaskStatus.RUNNING)));
      assertThat(events).noneMatch(e -> e.taskId() == still || e.taskId() == reported);
    }
  }

  @Test
  void pollingSendsOneListRequestPerProjectNotPerTask() {
    int other = sim.createProject("apps");
    int otherTemplate = sim.createTemplate(other, TemplateSpec.ansible("apps"));
    List<WatchedTask> watched = new ArrayList<>();
    sim.seedTasks(project, template, 300, "running")
        .forEach(id -> watched.add(WatchedTask.fresh(project, id)));
    sim.seedTasks(other, otherTemplate, 40, "running")
        .forEach(id -> watched.add(WatchedTask.fresh(other, id)));
    sim.requests().clear();
    try (var watcher = new TaskWatcher(client, fast(false), events::add)) {
      watcher.start();
      watcher.resume(watched);
      await().atMost(10, TimeUnit.SECONDS).until(() -> events.size() == 340);
      int last = watched.getLast().taskId();
      sim.setStatus(last, "success");
      await().atMost(10, TimeUnit.SECONDS).until(() -> terminals(last) == 1);
    }
    var requests = sim.requests().all();
    assertThat(requests).isNotEmpty();
    assertThat(requests)
        .allMatch(
            r -> r.path().endsWith("/tasks") || r.path().endsWith("/tasks/last"),
            "only list requests");
    assertThat(requests)
        .as("project with 300 watched tasks moved to the full list")
        .anyMatch(r -> r.path().equals("/api/project/" + project + "/tasks"));
  }

  @Test
  void aDeletedTaskVanishesOnce() {
    int id = sim.seedTasks(project, template, 1, "running").getFirst();
    int kept = sim.seedTasks(project, template, 1, "running").getFirst();
    try (var watcher = new TaskWatcher(client, fast(false), events::add)) {
      watcher.start();
      watcher.resume(List.of(WatchedTask.fresh(project, id), WatchedTask.fresh(project, kept)));
      awaitStatus(id, TaskStatus.RUNNING);
      sim.deleteTask(id);
      await().atMost(10, TimeUnit.SECONDS).until(() -> terminals(id) == 1);
      assertThat(events)
          .filteredOn(e -> e.taskId() == id)
          .last()
          .isInstanceOf(TaskEvent.Vanished.class);
      assertThat(watcher.watched()).extracting(WatchedTask::taskId).containsExactly(kept);
    }
    assertThat(sim.requests().matching(r -> r.path().matches(".*/tasks/\\d+$")))
        .as("only the missing task is fetched on its own")
        .allMatch(r -> r.path().endsWith("/tasks/" + id));
  }

  @Test
  void checkSoonPollsAProjectAtOnceInsteadOfAtItsNextRound() {
    int id = sim.seedTasks(project, template, 1, "running").getFirst();
    WatcherSettings slow =
        fast(false)
            .withPolling(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60));
    try (var watcher = new TaskWatcher(client, slow, events::add)) {
      watcher.start();
      watcher.watch(project, id);
      awaitStatus(id, TaskStatus.RUNNING);
      long before = sim.requests().count("GET", "/api/project/" + project + "/tasks");
      sim.setStatus(id, "success");

      watcher.checkSoon(project);

      // The next regular poll is 20 s away: only checkSoon can bring the end this quickly.
      await().atMost(5, TimeUnit.SECONDS).until(() -> terminals(id) == 1);
      assertThat(statuses(id)).endsWith(TaskStatus.SUCCESS);
      assertThat(sim.requests().count("GET", "/api/project/" + project + "/tasks"))
          .isGreaterThan(before);
      watcher.checkSoon(project + 1000);
    }
  }
}
