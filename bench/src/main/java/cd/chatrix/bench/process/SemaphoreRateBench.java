package cd.chatrix.bench.process;

import cd.chatrix.bench.process.RateCycles.Read;
import cd.chatrix.bench.process.RateCycles.ReadTiming;
import cd.chatrix.bench.process.RateCycles.Start;
import cd.chatrix.bench.process.RateCycles.StartTiming;
import cd.chatrix.testkit.semaphore.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Semaphore request rate of the packaged bot with each store: how fast it gets Semaphore work
 * done through its whole path, counted at the Semaphore simulator, never taken from the bot.
 *
 * <ul>
 *   <li><b>task starts per second</b>: in {@code --rooms} rooms at once, each person in a closed
 *       loop asks {@code !cd run}, answers {@code yes} to the bot's question, and waits for the
 *       status message. Between the {@code yes} and the POST the bot claims the confirmation in a
 *       durable commit and, on PostgreSQL, passes the lease fence in a transaction of its own;
 *       after it, the status message goes through the outbox. The figure is the simulator's {@code
 *       POST /api/project/{p}/tasks} count over the window (first command sent → last status
 *       message seen). Each start's {@code yes} → POST and POST → status message on the servers'
 *       clocks.
 *   <li><b>reads per second</b>: the same loops with {@code !cd status} (the room's last task,
 *       asked of Semaphore; {@code LeaderOnlyRunner} does not fence reads): the simulator's request
 *       count over the window, and each read's reaction on the homeserver's clock.
 * </ul>
 *
 * With {@code --store both} (the default) a bot on SQLite and a bot on PostgreSQL run side by side,
 * each with its own homeserver, simulator and rooms; the runs alternate between them (the first
 * store alternates too), so a machine whose load drifts charges both alike. The one not measured
 * sits idle.
 *
 * <pre>
 * java -cp &lt;bench classpath&gt; cd.chatrix.bench.process.SemaphoreRateBench \
 *     [--store both|sqlite|postgresql] [--rooms 4] [--starts 25] [--reads 50] [--runs 5] \
 *     [--warmup 10] [--repo .] [--bot-java-opts "-XX:..."]
 * </pre>
 *
 * {@code --starts} and {@code --reads} are per room and run; {@code --warmup} is start cycles per
 * room before the first run (and twice as many reads). Exits 1 when the simulator saw more or fewer
 * task starts than were confirmed (a task started twice, or not at all).
 */
public final class SemaphoreRateBench {
  /** Time for the last run's tasks to end and the bot to announce them before the reads. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  record Options(
      List<BenchStore.Kind> stores,
      int rooms,
      int starts,
      int reads,
      int runs,
      int warmup,
      Path repo,
      Path java,
      String botJavaOpts) {}

  /** One measured run of one store. */
  record Run(
      int startsDone,
      long posts,
      long startRequests,
      double startSeconds,
      List<StartTiming> startTimings,
      int readsDone,
      long readRequests,
      double readSeconds,
      List<ReadTiming> readTimings,
      Optional<BenchStore.ServerCounters> startCounters,
      Optional<BenchStore.ServerCounters> readCounters,
      double botCpuMs,
      double load) {
    double postsPerSecond() {
      return posts / startSeconds;
    }

    double readRequestsPerSecond() {
      return readRequests / readSeconds;
    }

    double readsPerSecond() {
      return readsDone / readSeconds;
    }
  }

  private SemaphoreRateBench() {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Variant launcher = new Variant("launcher", options.botJavaOpts(), true, Optional.empty());
    Map<BenchStore.Kind, RateWorld> worlds = new EnumMap<>(BenchStore.Kind.class);
    Map<BenchStore.Kind, List<Run>> runs = new EnumMap<>(BenchStore.Kind.class);
    try {
      for (BenchStore.Kind kind : options.stores()) {
        Path dir = Files.createTempDirectory("chatrixcd-rate-bench-" + kind.label());
        RateWorld world = RateWorld.create(dir, kind, options.rooms());
        worlds.put(kind, world);
        world.startBot(launcher, options.java(), options.repo(), dir);
        RateCycles cycles = new RateCycles(world);
        cycles.starts(options.warmup());
        cycles.reads(options.warmup() * 2);
        System.out.printf(
            Locale.ROOT,
            "%s: bot up, warmed up with %d starts and %d reads in each of %d rooms%n",
            kind.label(),
            options.warmup(),
            options.warmup() * 2,
            options.rooms());
        runs.put(kind, new ArrayList<>());
      }
      for (int run = 1; run <= options.runs(); run++) {
        List<BenchStore.Kind> order = new ArrayList<>(options.stores());
        if (run % 2 == 0) {
          order = order.reversed();
        }
        for (BenchStore.Kind kind : order) {
          Run result = measure(worlds.get(kind), options);
          runs.get(kind).add(result);
          printRun(run, kind, result);
        }
      }
    } finally {
      for (RateWorld world : worlds.values()) {
        world.close();
      }
    }
    RateReport.print(options, runs);
    boolean exact =
        runs.values().stream().flatMap(List::stream).allMatch(r -> r.posts() == r.startsDone());
    if (!exact) {
      System.out.println(
          "FAILED: the simulator's task starts differ from the confirmed starts (see the runs)");
      System.exit(1);
    }
  }

  private static Run measure(RateWorld world, Options options) throws Exception {
    RateCycles cycles = new RateCycles(world);
    world.homeserver().clearRequests();
    world.semaphore().requests().clear();
    Thread.sleep(SETTLE); // quiet, so the server's counters are current
    Optional<BenchStore.ServerCounters> atStart = world.counters();
    double cpuBefore = ProcStats.cpuMillis(world.botPid());

    Instant startsFrom = Instant.now();
    List<Start> starts = cycles.starts(options.starts());
    Instant startsTo = Instant.now();
    List<RecordedRequest> startLog = world.semaphore().requests().all();
    List<StartTiming> startTimings =
        cycles.timings(starts, world.homeserver().requests(), startLog);
    long posts =
        count(startLog, startsFrom, startsTo, r -> r.method().equals("POST") && isTasks(r.path()));
    long startRequests = count(startLog, startsFrom, startsTo, r -> true);

    Thread.sleep(SETTLE);
    Optional<BenchStore.ServerCounters> afterStarts = world.counters();
    world.homeserver().clearRequests();
    world.semaphore().requests().clear();
    Instant readsFrom = Instant.now();
    List<Read> reads = cycles.reads(options.reads());
    Instant readsTo = Instant.now();
    List<ReadTiming> readTimings = cycles.readTimings(reads, world.homeserver().requests());
    long readRequests = count(world.semaphore().requests().all(), readsFrom, readsTo, r -> true);
    double cpu = ProcStats.cpuMillis(world.botPid()) - cpuBefore;
    Thread.sleep(SETTLE);
    Optional<BenchStore.ServerCounters> afterReads = world.counters();

    return new Run(
        starts.size(),
        posts,
        startRequests,
        seconds(startsFrom, startsTo),
        startTimings,
        reads.size(),
        readRequests,
        seconds(readsFrom, readsTo),
        readTimings,
        difference(afterStarts, atStart),
        difference(afterReads, afterStarts),
        cpu,
        ProcStats.loadAverage());
  }

  private static Optional<BenchStore.ServerCounters> difference(
      Optional<BenchStore.ServerCounters> later, Optional<BenchStore.ServerCounters> earlier) {
    return later.flatMap(l -> earlier.map(l::minus));
  }

  private static boolean isTasks(String path) {
    return path.matches("/api/project/\\d+/tasks");
  }

  private static long count(
      List<RecordedRequest> log,
      Instant from,
      Instant to,
      java.util.function.Predicate<RecordedRequest> matches) {
    return log.stream()
        .filter(r -> !r.at().isBefore(from) && !r.at().isAfter(to))
        .filter(r -> !r.path().equals("/api/ws")) // the watcher's websocket, not a request
        .filter(matches)
        .count();
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static void printRun(int run, BenchStore.Kind kind, Run r) {
    System.out.printf(
        Locale.ROOT,
        "run %d, %s: %d starts confirmed, %d POSTs at Semaphore in %.2f s = %.1f starts/s"
            + " (%d requests in all); yes → POST median %.1f ms, p99 %.1f ms; POST → status"
            + " message median %.1f ms; %d reads, %d requests in %.2f s = %.1f requests/s,"
            + " reaction median %.1f ms, p99 %.1f ms; bot CPU %.0f ms; load %.2f%n",
        run,
        kind.label(),
        r.startsDone(),
        r.posts(),
        r.startSeconds(),
        r.postsPerSecond(),
        r.startRequests(),
        percentile(r.startTimings(), StartTiming::yesToPostMs, 50),
        percentile(r.startTimings(), StartTiming::yesToPostMs, 99),
        percentile(r.startTimings(), StartTiming::postToStatusMs, 50),
        r.readsDone(),
        r.readRequests(),
        r.readSeconds(),
        r.readRequestsPerSecond(),
        percentile(r.readTimings(), ReadTiming::reactionMs, 50),
        percentile(r.readTimings(), ReadTiming::reactionMs, 99),
        r.botCpuMs(),
        r.load());
    r.startCounters()
        .ifPresent(c ->
            System.out.printf(
                Locale.ROOT,
                "  PostgreSQL server: %.1f commits and %.1f WAL syncs per start, %.1f and %.1f per"
                    + " read%n",
                (double) c.commits() / r.startsDone(),
                (double) c.walSyncs() / r.startsDone(),
                r.readCounters().map(x -> (double) x.commits() / r.readsDone()).orElse(Double.NaN),
                r.readCounters()
                    .map(x -> (double) x.walSyncs() / r.readsDone())
                    .orElse(Double.NaN)));
  }

  static <T> double percentile(List<T> samples, Function<T, Double> value, double p) {
    double[] sorted = samples.stream().mapToDouble(value::apply).sorted().toArray();
    return Stats.percentile(sorted, p);
  }

  private static Options parse(String[] args) {
    List<BenchStore.Kind> stores = List.of(BenchStore.Kind.SQLITE, BenchStore.Kind.POSTGRESQL);
    int rooms = 4;
    int starts = 25;
    int reads = 50;
    int runs = 5;
    int warmup = 10;
    Path repo = Path.of("").toAbsolutePath();
    String botJavaOpts = "";
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--store" ->
            stores =
                value.equals("both")
                    ? List.of(BenchStore.Kind.SQLITE, BenchStore.Kind.POSTGRESQL)
                    : List.of(BenchStore.Kind.parse(value));
        case "--rooms" -> rooms = Math.max(1, Integer.parseInt(value));
        case "--starts" -> starts = Math.max(1, Integer.parseInt(value));
        case "--reads" -> reads = Math.max(1, Integer.parseInt(value));
        case "--runs" -> runs = Math.max(1, Integer.parseInt(value));
        case "--warmup" -> warmup = Math.max(0, Integer.parseInt(value));
        case "--repo" -> repo = Path.of(value).toAbsolutePath();
        case "--bot-java-opts" -> botJavaOpts = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new Options(stores, rooms, starts, reads, runs, warmup, repo, java, botJavaOpts);
  }
}
