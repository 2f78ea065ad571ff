package cd.chatrix.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.Faults;
import cd.chatrix.testkit.semaphore.Faults.Kind;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every Semaphore endpoint the bot calls, under every fault a real server or its proxy produces,
 * for a while, then lifted; one bot serves all cells (a restart per cell would take minutes). Each
 * cell checks that the bot lives on, does not hammer the server, comes back quickly, answers each
 * command exactly once, announces the run it was watching exactly once, and says so in the log once
 * (WARN) and once more when it is over (INFO). The table lands in {@code
 * target/fault-matrix/semaphore.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SemaphoreFaultMatrixTest {
  private static final Duration FAULT = Duration.ofMillis(1500);
  private static final int ATTEMPTS = 3; // RetryPolicy.defaults()

  /** Outages of one request; ANSWER_LOST is a crash scenario (FailoverIT), not an outage. */
  private static final Set<Kind> HTTP_FAULTS =
      EnumSet.complementOf(EnumSet.of(Kind.WS_DROP, Kind.WS_REFUSE, Kind.ANSWER_LOST));

  private static final Map<Kind, String> CAUSE =
      Map.of(
          Kind.NOT_FOUND, "HTTP 404",
          Kind.RATE_LIMITED, "HTTP 429",
          Kind.SERVER_ERROR, "HTTP 500",
          Kind.BAD_GATEWAY, "HTTP 502",
          Kind.CONNECTION_RESET, "connection",
          Kind.READ_TIMEOUT, "did not answer",
          Kind.NOT_JSON, "not Semaphore's",
          Kind.TOKEN_REFUSED, "HTTP 401",
          Kind.WS_REFUSE, "HTTP 503",
          Kind.WS_DROP, "closing right after it opens");

  /** Independent bots working through their share of the cells side by side. */
  private static final int LANES = 3;

  private final List<SemaphoreFaultRig> rigs = new ArrayList<>();
  private final List<Cell> cells = new ArrayList<>();
  private final Map<Cell, String> rows = new ConcurrentHashMap<>();
  private final Map<String, Boolean> passed = new ConcurrentHashMap<>();
  private final List<Thread> lanes = new ArrayList<>();

  /** How a cell drives one endpoint: a run to watch, commands that reach it, the run's end. */
  private enum Api {
    // No /api/ping row: the bot does not call it (`!cd ping` asks /api/info, which proves more).
    INFO("GET", "/api/info", "/api/info"),
    PROJECTS("GET", "/api/projects", "/api/projects"),
    TEMPLATES("GET", "/api/project/\\d+/templates", "/templates"),
    TEMPLATE("GET", "/api/project/\\d+/templates/\\d+", "/templates/"),
    TASK_LIST("GET", "/api/project/\\d+/tasks/last", "/tasks/last"),
    TASKS("GET", "/api/project/\\d+/tasks", "/api/project/\\d+/tasks(?![/\\w])"),
    TASK("GET", "/api/project/\\d+/tasks/\\d+", "/tasks/"),
    OUTPUT("GET", "/api/project/\\d+/tasks/\\d+/output", "/output"),
    START("POST", "/api/project/\\d+/tasks", "POST /api/project/"),
    STOP("POST", "/api/project/\\d+/tasks/\\d+/stop", "/stop"),
    CONFIRM("POST", "/api/project/\\d+/tasks/\\d+/confirm", "/confirm"),
    WS("GET", "/api/ws/?", "/api/ws");

    final Faults.Endpoint endpoint;
    final String named;

    Api(String method, String regex, String named) {
      this.endpoint = Faults.Endpoint.of(method, regex);
      this.named = named;
    }

    Set<Kind> faults() {
      return this == WS ? EnumSet.of(Kind.WS_DROP, Kind.WS_REFUSE) : HTTP_FAULTS;
    }
  }

  @BeforeAll
  void startTheBotsAndPlayTheCells() throws InterruptedException {
    // -Dchatrixcd.faultMatrix.only=TASK,WS narrows the run while investigating one row.
    Set<String> only =
        Set.of(System.getProperty("chatrixcd.faultMatrix.only", "").split(",")).stream()
            .filter(s -> !s.isBlank())
            .collect(java.util.stream.Collectors.toSet());
    List<Thread> starting = new ArrayList<>();
    List<SemaphoreFaultRig> started = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < LANES; i++) {
      starting.add(
          Thread.ofVirtual()
              .start(() -> {
                SemaphoreFaultRig r = SemaphoreFaultRig.start(config -> {});
                r.replyTo(r.say("!cd ping"));
                started.add(r);
              }));
    }
    for (Thread t : starting) {
      t.join();
    }
    rigs.addAll(started);
    assertThat(rigs).as("bots started").hasSize(LANES);
    int n = 0;
    for (Api api : Api.values()) {
      if (!only.isEmpty() && !only.contains(api.name())) {
        continue;
      }
      for (Kind kind : api.faults()) {
        cells.add(new Cell(rigs.get(n++ % LANES), api, kind));
      }
    }
    for (SemaphoreFaultRig r : rigs) {
      List<Cell> mine = cells.stream().filter(c -> c.rig == r).toList();
      lanes.add(Thread.ofVirtual().name("fault-lane").start(() -> mine.forEach(Cell::playSafely)));
    }
  }

  @AfterAll
  void report() {
    try {
      lanes.forEach(Thread::interrupt);
      rigs.forEach(SemaphoreFaultRig::close);
    } finally {
      writeReport();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointUnderEveryFault() {
    return cells.stream()
        .map(c ->
            DynamicTest.dynamicTest(
                c.api + " × " + c.kind,
                () -> {
                  try {
                    c.awaitPlayed();
                    c.check();
                  } finally {
                    rows.put(c, c.row());
                  }
                }));
  }

  /** One endpoint × fault: the story, what was measured, and the verdict. */
  private final class Cell {
    final SemaphoreFaultRig rig;
    final java.util.concurrent.CountDownLatch played = new java.util.concurrent.CountDownLatch(1);
    volatile Throwable failure;
    Instant finished = Instant.now();
    final Api api;
    final Kind kind;

    /** Command event ids, with how many answers each gets (a question first, for run and stop). */
    final Map<String, Integer> commands = new java.util.LinkedHashMap<>();

    final SoftAssertions soft = new SoftAssertions();
    Instant injected;
    Instant lifted;
    long hits;
    long recoveredMs = -1;
    int watched;
    int extraRun;
    int toStop;

    Cell(SemaphoreFaultRig rig, Api api, Kind kind) {
      this.rig = rig;
      this.api = api;
      this.kind = kind;
    }

    void playSafely() {
      try {
        play();
      } catch (Throwable t) {
        failure = t;
      } finally {
        rig.sim.faults().liftAll();
        finished = Instant.now();
        played.countDown();
      }
    }

    void awaitPlayed() throws Throwable {
      if (!played.await(10, java.util.concurrent.TimeUnit.MINUTES)) {
        throw new AssertionError("the cell did not finish");
      }
      if (failure != null) {
        throw failure;
      }
    }

    void play() {
      watched =
          switch (api) {
            case CONFIRM -> rig.startRun(rig.sandbox.templates().plan());
            case TASKS -> rig.startRun(rig.crowded, rig.crowdedJob);
            default -> rig.startRun(rig.longJob);
          };
      if (api == Api.TASKS) {
        // 250 newer tasks push the watched one off the short list: only /tasks still shows it.
        int template = rig.crowdedJob;
        rig.sim.seedTasks(rig.crowded, template, 250, "success");
        rig.noteTask(watched + 250);
      }
      if (api == Api.STOP) {
        toStop = rig.startRun(rig.longJob); // stopped once the fault is lifted
      }
      if (api == Api.CONFIRM) {
        Awaitility.await("task " + watched + " waits for its go-ahead")
            .atMost(SemaphoreFaultRig.ANSWER)
            .until(() -> "waiting_confirmation".equals(rig.sim.status(watched)));
      }
      settle();
      injected = Instant.now();
      Faults.Fault fault = rig.sim.faults().inject(kind, api.endpoint);
      if (api == Api.TASK_LIST || api == Api.TASKS) {
        // While push is up the task lists are only read as a slow safety check; a single dropped
        // socket (healed at once, so no warning of its own) makes the bot catch up by polling.
        rig.sim.dropWebsockets();
      }
      during();
      if (api != Api.CONFIRM) {
        rig.sim.release(watched); // the run ends while the fault lasts
      }
      sleepUntil(injected.plus(FAULT));
      hits = fault.hits();
      lifted = Instant.now();
      fault.lift();
      after();
      awaitRecovery();
      rig.awaitAnnouncement(watched);
      if (extraRun > 0) {
        rig.awaitAnnouncement(extraRun);
      }
      settle();
    }

    private void during() {
      switch (api) {
        case START, TEMPLATE ->
            confirmed("!cd run " + rig.project + " " + rig.sandbox.templates().deploy());
        case STOP -> confirmed("!cd stop " + watched);
        case CONFIRM -> command("!cd confirm " + watched);
        default -> commandFor(api).ifPresent(this::command);
      }
    }

    private void after() {
      switch (api) {
        case START, TEMPLATE -> extraRun = rig.startRun(rig.sandbox.templates().deploy());
        case STOP -> {
          confirmed("!cd stop " + toStop);
          extraRun = toStop;
        }
        case CONFIRM -> command("!cd confirm");
        default -> commandFor(api).ifPresent(this::command);
      }
      command("!cd ping");
    }

    private java.util.Optional<String> commandFor(Api a) {
      return java.util.Optional.ofNullable(
          switch (a) {
            case INFO, TASK_LIST, TASKS, WS -> "!cd ping";
            case PROJECTS -> "!cd projects";
            case TEMPLATES -> "!cd templates " + rig.project;
            case TASK -> "!cd status " + watched;
            case OUTPUT -> "!cd logs " + watched;
            default -> null;
          });
    }

    private void command(String text) {
      String id = rig.say(text);
      commands.put(id, 1);
      rig.replyTo(id);
    }

    /** A command that asks first; "yes" makes it act, and its outcome is a second answer. */
    private void confirmed(String text) {
      String id = rig.say(text);
      commands.put(id, 2);
      rig.replyTo(id);
      rig.say("yes");
      Awaitility.await("the outcome of " + text)
          .atMost(SemaphoreFaultRig.ANSWER)
          .until(() -> rig.answersTo(id) >= 2);
    }

    private void awaitRecovery() {
      try {
        Awaitility.await(api + " works again after " + kind)
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> rig.recoveries(lifted).stream().anyMatch(e -> mine(e.getFormattedMessage())));
        recoveredMs =
            Duration.between(
                    lifted,
                    rig.recoveries(lifted).stream()
                        .filter(e -> mine(e.getFormattedMessage()))
                        .findFirst()
                        .orElseThrow()
                        .getInstant())
                .toMillis();
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        recoveredMs = -1;
      }
    }

    void check() {
      List<ILoggingEvent> problems =
          rig.problems(injected).stream()
              .filter(e -> !e.getInstant().isAfter(finished))
              .filter(e -> mine(e.getFormattedMessage()))
              .toList();
      soft.assertThat(hits).as("requests the fault answered").isPositive();
      soft.assertThat(hits)
          .as("requests during the fault, bounded by back-off")
          .isLessThanOrEqualTo(bound());
      List<String> warnings = problems.stream().map(ILoggingEvent::getFormattedMessage).toList();
      soft.assertThat(warnings).as("one WARN for the outage").hasSize(1);
      soft.assertThat(warnings)
          .as("the WARN names host, endpoint and cause")
          .allSatisfy(m ->
              assertThat(m)
                  .contains(rig.sim.baseUri().toString())
                  .containsPattern(api.named)
                  .contains(CAUSE.get(kind)));
      soft.assertThat(
              rig.recoveries(injected).stream()
                  .filter(e -> !e.getInstant().isAfter(finished))
                  .filter(e -> mine(e.getFormattedMessage())))
          .as("one INFO when it is back")
          .hasSize(1);
      soft.assertThat(recoveredMs)
          .as("ms from the lift to working again")
          .isBetween(0L, recoveryBound());
      commands.forEach((command, answers) ->
          soft.assertThat(rig.answersTo(command))
              .as("answers to a command")
              .isEqualTo((long) answers));
      soft.assertThat(rig.announcements(watched))
          .as("announcements of the watched run")
          .isEqualTo(1);
      if (extraRun > 0) {
        soft.assertThat(rig.announcements(extraRun))
            .as("announcements of the later run")
            .isEqualTo(1);
      }
      passed.put(api + "×" + kind, soft.errorsCollected().isEmpty());
      soft.assertAll();
    }

    /** Lines about this cell's bot: its own host, or no host at all (then every lane counts it). */
    private boolean mine(String message) {
      String own = rig.sim.baseUri().toString();
      return message.contains(own)
          || rigs.stream().noneMatch(r -> message.contains(r.sim.baseUri().toString()));
    }

    /**
     * Pollers, the feed and the probe each try a few times per poll interval; commands add theirs.
     */
    private long bound() {
      if (api == Api.WS) {
        return FAULT.toMillis() / 250 + 2; // reconnects start at 500 ms (± jitter) and double
      }
      long intervals = FAULT.toMillis() / SemaphoreFaultRig.POLL.toMillis() + 1;
      return ATTEMPTS * (3 * intervals + 2L * commands.size());
    }

    /** 2 s, or the back-off the fault had pushed the bot to (the poll interval; ws reconnects). */
    private long recoveryBound() {
      return api == Api.WS ? 2_000 + 4_000 + 1_000 : 2_000 + SemaphoreFaultRig.POLL.toMillis();
    }

    String row() {
      String result = passed.getOrDefault(api + "×" + kind, false) ? "pass" : "FAIL";
      return "| "
          + api.endpoint
          + " | "
          + kind
          + " | "
          + (recoveredMs < 0 ? "never" : recoveredMs)
          + " | "
          + hits
          + " | "
          + result
          + " |";
    }
  }

  private static void settle() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepUntil(Instant when) {
    long ms = Duration.between(Instant.now(), when).toMillis();
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeReport() {
    Path file =
        Path.of(System.getProperty("basedir", "."), "target", "fault-matrix", "semaphore.md");
    StringBuilder b = new StringBuilder();
    b.append("# Semaphore fault matrix\n\n")
        .append("Each fault held for ")
        .append(FAULT.toMillis())
        .append(" ms, then lifted. \"recovered in ms\" runs from the lift to the bot's INFO that")
        .append(
            " Semaphore works again; \"requests during fault\" are the ones the fault answered.\n\n")
        .append("| endpoint | fault | recovered in ms | requests during fault | result |\n")
        .append("|---|---|---|---|---|\n");
    cells.stream().filter(rows::containsKey).forEach(c -> b.append(rows.get(c)).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("Semaphore fault matrix report: " + file.toAbsolutePath().normalize());
  }
}
