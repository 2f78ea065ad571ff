package cd.chatrix.app.faults;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real bot on a sandbox (homeserver and Semaphore simulator), tuned so that Semaphore faults
 * show quickly: one-second poll interval and request timeout. It listens to everything the app logs
 * at the default level (INFO), and knows the few moves a person makes to run and watch tasks.
 */
final class SemaphoreFaultRig implements AutoCloseable {
  static final Duration ANSWER = Duration.ofSeconds(30);
  static final Duration POLL = Duration.ofSeconds(1);

  final DemoSandbox sandbox;
  final SemaphoreSimulator sim;
  final TestUser person;
  final String room;
  final int project;

  /** A template whose runs hold until {@link SemaphoreSimulator#release}. */
  final int longJob;

  /** A second project with a held template, for cells that crowd its task list. */
  final int crowded;

  final int crowdedJob;

  private final Shutdown bot;
  private final Tap logs = new Tap();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger project_ = (Logger) LoggerFactory.getLogger("cd.chatrix");
  private final Level projectLevelBefore;
  private int newestTask;

  private SemaphoreFaultRig(DemoSandbox sandbox, Consumer<ObjectNode> adjust) {
    this.sandbox = sandbox;
    this.sim = sandbox.semaphore();
    this.person = sandbox.person();
    this.room = sandbox.roomId();
    this.project = sandbox.projectId();
    this.longJob =
        sim.createTemplate(
            project, TemplateSpec.ansible("Long job").withScript(RunScript.longRunning()));
    this.crowded = sim.createProject("Busy project");
    this.crowdedJob =
        sim.createTemplate(
            crowded, TemplateSpec.ansible("Busy job").withScript(RunScript.longRunning()));
    // What `chatrixcd -L` logs without -v: INFO and above.
    projectLevelBefore = project_.getLevel();
    project_.setLevel(Level.INFO);
    logs.start();
    root.addAppender(logs);
    this.bot =
        SemaphoreFaultBots.start(
            sandbox,
            config -> {
              ((ObjectNode) config.get("semaphore")).put("timeout_seconds", 1);
              ((ObjectNode) config.get("plugins"))
                  .putObject("semaphore_poll")
                  .put("poll_interval", POLL.toSeconds());
              ((ObjectNode) config.get("bot")).put("rate_limit_per_minute", 10_000);
              adjust.accept(config);
            });
  }

  static SemaphoreFaultRig start(Consumer<ObjectNode> adjust) {
    return start(sim -> {}, adjust);
  }

  /** The same, with {@code prepare} given the simulator before the bot starts (e.g. its shape). */
  static SemaphoreFaultRig start(
      Consumer<SemaphoreSimulator> prepare, Consumer<ObjectNode> adjust) {
    DemoSandbox sandbox = DemoSandbox.start();
    try {
      prepare.accept(sandbox.semaphore());
      SemaphoreFaultRig rig = new SemaphoreFaultRig(sandbox, adjust);
      rig.person.awaitEvent(
          rig.room,
          e ->
              "m.room.member".equals(e.path("type").asString(""))
                  && sandbox.botUserId().equals(e.path("state_key").asString(""))
                  && "join".equals(e.path("content").path("membership").asString("")),
          ANSWER);
      return rig;
    } catch (RuntimeException | Error e) {
      sandbox.close();
      throw e;
    }
  }

  // --- the room -------------------------------------------------------------------------------

  String say(String text) {
    return person.sendText(room, text);
  }

  JsonNode replyTo(String commandEventId) {
    return awaitBot(repliesTo(commandEventId), ANSWER);
  }

  JsonNode awaitBot(Predicate<JsonNode> wanted, Duration wait) {
    return person.awaitEvent(room, e -> isBotMessage(e) && !isEdit(e) && wanted.test(e), wait);
  }

  /** The bot's answers (not edits) to one command so far. */
  long answersTo(String commandEventId) {
    return botMessages().stream()
        .filter(e -> !isEdit(e) && repliesTo(commandEventId).test(e))
        .count();
  }

  /** Terminal announcements of task {@code taskId}: the mention that ends a run. */
  long announcements(int taskId) {
    return botMessages().stream()
        .filter(e -> !isEdit(e) && mentions(person.userId()).test(e))
        .filter(e -> body(e).contains("#" + taskId + ")") || body(e).contains("#" + taskId + " "))
        .filter(e -> !body(e).contains("go-ahead"))
        .count();
  }

  void awaitAnnouncement(int taskId) {
    Awaitility.await("the end of task " + taskId + " is announced")
        .atMost(ANSWER)
        .until(() -> announcements(taskId) >= 1);
  }

  List<JsonNode> botMessages() {
    return person.timeline(room).stream().filter(this::isBotMessage).toList();
  }

  boolean isBotMessage(JsonNode event) {
    return sandbox.botUserId().equals(event.path("sender").asString(""))
        && "m.room.message".equals(event.path("type").asString(""));
  }

  /** Asks for a run of {@code template}, confirms it, and returns the new task's id. */
  int startRun(int template) {
    return startRun(project, template);
  }

  int startRun(int inProject, int template) {
    String ask = say("!cd run " + inProject + " " + template);
    replyTo(ask);
    say("yes");
    int expected = newestTask + 1;
    Awaitility.await("task " + expected + " starts").atMost(ANSWER).until(() -> exists(expected));
    newestTask = expected;
    return expected;
  }

  /** Notes a task started outside chat (by the simulator) so ids stay in step. */
  int noteTask(int taskId) {
    newestTask = Math.max(newestTask, taskId);
    return taskId;
  }

  boolean exists(int taskId) {
    try {
      sim.status(taskId);
      return true;
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  // --- the log --------------------------------------------------------------------------------

  /** Events at WARN or above logged since {@code since}. */
  List<ILoggingEvent> problems(Instant since) {
    return logged(since, e -> e.getLevel().isGreaterOrEqual(Level.WARN));
  }

  /** INFO lines of the outage log (REST or push) since {@code since}: "it works again". */
  List<ILoggingEvent> recoveries(Instant since) {
    return logged(
        since,
        e ->
            e.getLevel() == Level.INFO
                && (e.getLoggerName().endsWith(".Outages")
                    || e.getLoggerName().endsWith(".PushHealth")));
  }

  List<ILoggingEvent> logged(Instant since, Predicate<ILoggingEvent> filter) {
    return logs.events.stream()
        .filter(e -> !e.getInstant().isBefore(since))
        .filter(filter)
        .toList();
  }

  /** Keeps every event; safe to read while the bot's threads log. */
  private static final class Tap extends AppenderBase<ILoggingEvent> {
    final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  }

  @Override
  public void close() {
    bot.stopAll();
    root.detachAppender(logs);
    project_.setLevel(projectLevelBefore);
    sandbox.close();
  }
}
