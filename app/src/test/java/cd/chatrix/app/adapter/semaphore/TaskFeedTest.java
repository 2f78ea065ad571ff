package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.watch.WatcherSettings;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFeedTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private SemaphoreSimulator sim;
  private SemaphoreClient client;
  private TaskFeed feed;
  private final List<TaskInfo> delivered = new CopyOnWriteArrayList<>();
  private final Set<TaskRef> botTasks = new CopyOnWriteArraySet<>();
  private final Set<Long> botProjects = new CopyOnWriteArraySet<>();

  /** While set, asking what the bot follows fails, as the bot's store reads do in an outage. */
  private volatile boolean storeAway;

  /** What the bot does with an update; by default it takes each one. */
  private volatile Consumer<TaskInfo> bot = delivered::add;

  private <T> T fromStore(T answer) {
    if (storeAway) {
      throw new IllegalStateException("the store does not answer");
    }
    return answer;
  }

  private void open(Shape shape, boolean push) {
    sim = SemaphoreSimulator.start(shape);
    sim.stepDelay(Duration.ofMillis(5));
    client = SemaphoreClient.create(SemaphoreRunnerTest.settings(sim.baseUri(), sim.adminToken()));
    WatcherSettings settings =
        WatcherSettings.defaults()
            .withPush(push)
            .withPolling(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(500))
            .withReconnect(Duration.ofMillis(50), Duration.ofMillis(200))
            .withLogs(false);
    // Refreshes an hour apart: a test that sees one after the first did not wait for the period.
    feed =
        new TaskFeed(client, settings, Duration.ofHours(1))
            .follow(
                () -> fromStore(List.copyOf(botTasks)),
                () -> fromStore(Set.copyOf(botProjects)),
                info -> bot.accept(info));
  }

  @AfterEach
  void tearDown() {
    if (feed != null) {
      feed.close();
    }
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private List<TaskState> statesOf(TaskRef ref) {
    return delivered.stream().filter(i -> i.ref().equals(ref)).map(TaskInfo::state).toList();
  }

  private int heldTemplate(int project) {
    return sim.createTemplate(
        project, TemplateSpec.ansible("deploy").withScript(RunScript.longRunning()));
  }

  /**
   * A second task that ends after the first: events arrive in order on one thread, so once its end
   * is delivered any duplicate for the first task would have been delivered too.
   */
  private void barrier(SemaphoreRunner runner, int project, int template) {
    TaskRef last = runner.start(project, TaskRequest.plain(template));
    await().atMost(WAIT).until(() -> statesOf(last).contains(TaskState.RUNNING));
    sim.release((int) last.taskId());
    await().atMost(WAIT).until(() -> statesOf(last).contains(TaskState.SUCCESS));
  }

  private void runningThenSuccessExactlyOnce(Shape shape, boolean push) {
    open(shape, push);
    int project = sim.createProject("infra");
    int template = heldTemplate(project);
    var runner = new SemaphoreRunner(client, feed::watch);
    feed.start();
    if (push) {
      await().atMost(WAIT).until(feed::pushConnected);
    }

    TaskRef ref = runner.start(project, TaskRequest.plain(template));
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.RUNNING));
    sim.release((int) ref.taskId());
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.SUCCESS));
    barrier(runner, project, template);

    List<TaskState> states = statesOf(ref);
    assertThat(states).containsOnlyOnce(TaskState.RUNNING, TaskState.SUCCESS);
    assertThat(states).doesNotHaveDuplicates();
    assertThat(states.getLast()).isEqualTo(TaskState.SUCCESS);
    assertThat(states.indexOf(TaskState.RUNNING)).isLessThan(states.indexOf(TaskState.SUCCESS));
    TaskInfo end = delivered.stream().filter(i -> i.ref().equals(ref)).toList().getLast();
    assertThat(end.templateId()).isEqualTo(template);
    assertThat(end.start()).isPresent();
    assertThat(feed.following()).doesNotContain(ref);
  }

  @Test
  void deliversRunningThenSuccessOnceEachOverPush() {
    runningThenSuccessExactlyOnce(Shape.V2_12, true);
  }

  @Test
  void deliversRunningThenSuccessOnceEachByPollingAlone() {
    runningThenSuccessExactlyOnce(Shape.V2_10, false);
    assertThat(feed.pushConnected()).isFalse();
    assertThat(feed.pollRequests()).isPositive();
  }

  @Test
  void deliversOnceWhenPushDropsMidRun() {
    open(Shape.V2_10, true);
    int project = sim.createProject("infra");
    int template = heldTemplate(project);
    var runner = new SemaphoreRunner(client, feed::watch);
    feed.start();
    await().atMost(WAIT).until(feed::pushConnected);
    TaskRef ref = runner.start(project, TaskRequest.plain(template));
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.RUNNING));

    sim.faults().refuseWebsockets(true);
    sim.dropWebsockets();
    sim.release((int) ref.taskId());
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.SUCCESS));
    sim.faults().refuseWebsockets(false);
    await().atMost(WAIT).until(feed::pushConnected);
    barrier(runner, project, template);

    assertThat(statesOf(ref)).containsOnlyOnce(TaskState.RUNNING, TaskState.SUCCESS);
  }

  @Test
  void followsTheTasksTheBotListsAfterARestart() {
    open(Shape.V2_12, false);
    int project = sim.createProject("infra");
    int template = heldTemplate(project);
    // Started before "the restart": only the bot's run store knows about it.
    int taskId = sim.startTask(project, template);
    await().atMost(WAIT).until(() -> sim.status(taskId).equals("running"));
    TaskRef ref = new TaskRef(project, taskId);
    botTasks.add(ref);
    List<Set<TaskRef>> followedWhileStoring = new CopyOnWriteArrayList<>();
    bot =
        info -> {
          delivered.add(info);
          if (info.state().terminal()) {
            // The bot still lists the run until it has stored the end: a refresh meanwhile must
            // not pick it up again.
            feed.refresh();
            followedWhileStoring.add(feed.following());
            botTasks.remove(info.ref());
          }
        };

    feed.start();
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.RUNNING));
    sim.release(taskId);
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.SUCCESS));

    assertThat(statesOf(ref)).containsExactly(TaskState.RUNNING, TaskState.SUCCESS);
    assertThat(followedWhileStoring).singleElement().satisfies(f -> assertThat(f).isEmpty());
    feed.refresh();
    assertThat(feed.following()).doesNotContain(ref);
  }

  @Test
  void dropsTasksTheBotNoLongerFollows() {
    open(Shape.V2_12, false);
    int project = sim.createProject("infra");
    int template = heldTemplate(project);
    int taskId = sim.startTask(project, template);
    TaskRef ref = new TaskRef(project, taskId);
    botTasks.add(ref);
    feed.start();
    feed.refresh();
    assertThat(feed.following()).contains(ref);

    botTasks.remove(ref);
    feed.refresh();

    assertThat(feed.following()).doesNotContain(ref);
  }

  @Test
  void announcesTasksStartedOutsideChatInWatchedProjects() {
    open(Shape.V2_10, true);
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("nightly"));
    List<Integer> before = sim.seedTasks(project, template, 3, "success");
    botProjects.add((long) project);
    feed.start();
    feed.refresh();

    int outside = sim.startTask(project, template);
    feed.refresh();

    TaskRef ref = new TaskRef(project, outside);
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.SUCCESS));
    TaskInfo end = delivered.stream().filter(i -> i.ref().equals(ref)).toList().getLast();
    assertThat(end.templateId()).isEqualTo(template);
    assertThat(end.templateName()).contains("nightly");
    Collection<TaskRef> old = new ArrayList<>();
    before.forEach(id -> old.add(new TaskRef(project, id)));
    assertThat(delivered).noneMatch(i -> old.contains(i.ref()));
    assertThat(statesOf(ref)).containsOnlyOnce(TaskState.SUCCESS);
  }

  @Test
  void aTaskThatEndedWhileTheStoreWasAwayIsAnnouncedOnceItAnswersNotAtTheNextRefresh() {
    open(Shape.V2_10, false);
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("nightly"));
    botProjects.add((long) project);
    feed.baseline(project);
    storeAway = true;
    feed.start();
    int outside = sim.startTask(project, template);
    await().atMost(WAIT).until(() -> "success".equals(sim.status(outside)));

    storeAway = false;

    // Well under the hour between refreshes: the feed retries a failed one soon.
    TaskRef ref = new TaskRef(project, outside);
    await().atMost(Duration.ofSeconds(15)).until(() -> statesOf(ref).contains(TaskState.SUCCESS));
    assertThat(statesOf(ref)).containsOnlyOnce(TaskState.SUCCESS);
  }

  @Test
  void anEndTheBotCouldNotTakeWhileItsStoreWasAwayIsDeliveredAgainOnceItIsBack() {
    open(Shape.V2_10, false);
    int project = sim.createProject("infra");
    int template = heldTemplate(project);
    List<TaskInfo> dropped = new CopyOnWriteArrayList<>();
    // Like the bot: an update it cannot save is dropped (and logged); an end it saves ends the run.
    bot =
        info -> {
          if (storeAway) {
            dropped.add(info);
            return;
          }
          delivered.add(info);
          if (info.state().terminal()) {
            botTasks.remove(info.ref());
          }
        };
    var runner = new SemaphoreRunner(client, feed::watch);
    feed.start();
    TaskRef ref = runner.start(project, TaskRequest.plain(template));
    botTasks.add(ref);
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.RUNNING));

    storeAway = true;
    sim.release((int) ref.taskId());
    await().atMost(WAIT).until(() -> dropped.stream().anyMatch(i -> i.state().terminal()));
    storeAway = false;
    feed.refreshSoon(); // what the leader does when the store is back

    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.SUCCESS));
    assertThat(statesOf(ref)).containsOnlyOnce(TaskState.SUCCESS);
    await().atMost(WAIT).until(() -> !feed.following().contains(ref));
  }

  @Test
  void aTaskStartedWhileTheBotWasAwayIsAnnouncedAfterARestart(@TempDir Path dir) {
    open(Shape.V2_12, false);
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("nightly"));
    sim.seedTasks(project, template, 2, "success");
    botProjects.add((long) project);
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      StartingPoints kept = StartingPoints.in(new KeyValueStore(store));
      var before = new TaskFeed(client, WatcherSettings.defaults().withPush(false), WAIT, kept);
      before.follow(() -> List.copyOf(botTasks), () -> Set.copyOf(botProjects), delivered::add);
      before.start();
      before.refresh();
      before.close();

      int whileAway = sim.seedTasks(project, template, 1, "success").getFirst();

      var after = new TaskFeed(client, WatcherSettings.defaults().withPush(false), WAIT, kept);
      after.follow(() -> List.copyOf(botTasks), () -> Set.copyOf(botProjects), delivered::add);
      after.start();
      try {
        TaskRef ref = new TaskRef(project, whileAway);
        await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.SUCCESS));
        assertThat(delivered).allMatch(i -> i.ref().taskId() == whileAway);
      } finally {
        after.close();
      }
    }
  }

  @Test
  void aTaskSemaphoreDoesNotKnowIsReportedGoneOnceAndDropped() {
    open(Shape.V2_10, false);
    int project = sim.createProject("infra");
    TaskRef ref = new TaskRef(project, 999);
    botTasks.add(ref);
    feed.refresh();
    assertThat(feed.following()).contains(ref);

    feed.start();
    await().atMost(WAIT).until(() -> !feed.following().contains(ref));
    feed.refresh();

    assertThat(feed.following()).doesNotContain(ref);
    assertThat(statesOf(ref)).containsExactly(TaskState.VANISHED);
  }

  @Test
  void aWatchedTaskDeletedInSemaphoreEndsAsVanished() {
    open(Shape.V2_12, false);
    int project = sim.createProject("infra");
    var runner = new SemaphoreRunner(client, feed::watch);
    feed.start();
    TaskRef ref = runner.start(project, TaskRequest.plain(heldTemplate(project)));
    botTasks.add(ref);
    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.RUNNING));

    sim.deleteTask((int) ref.taskId());

    await().atMost(WAIT).until(() -> statesOf(ref).contains(TaskState.VANISHED));
    botTasks.remove(ref);
    feed.refresh();
    assertThat(statesOf(ref)).containsOnlyOnce(TaskState.VANISHED).endsWith(TaskState.VANISHED);
    assertThat(feed.following()).doesNotContain(ref);
  }
}
