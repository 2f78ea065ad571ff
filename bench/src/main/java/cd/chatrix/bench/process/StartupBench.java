package cd.chatrix.bench.process;

import cd.chatrix.bench.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Start-up to first sync and idle memory of the packaged bot ({@code app/target/chatrixcd.jar} with
 * {@code app/target/lib/}), started as a child process against the testkit homeserver and Semaphore
 * simulator running in this JVM.
 *
 * <p>Each run starts the bot with an existing store (a restart, as systemd or docker do it; the
 * first start, which logs in and uploads keys, is timed once and reported apart), waits for the "is
 * up" line, reads VmRSS, lets it idle, reads VmRSS again and stops it with SIGTERM. Variants are
 * interleaved run by run so that machine noise hits them alike.
 *
 * <pre>
 * java -cp &lt;bench classpath&gt; cd.chatrix.bench.process.StartupBench \
 *     [--runs 7] [--idle 30] [--repo .]
 *     [--variant name=flags | name=launcher:flags | name=launcher@/other/launcher:flags]...
 * </pre>
 *
 * With no variant, the real launcher ({@code ./chatrixcd}) with its own flags is measured.
 */
public final class StartupBench {
  private record Options(int runs, int idleSeconds, Path repo, Path java, List<Variant> variants) {}

  private record Sample(
      double upMs,
      double firstSyncMs,
      double cpuUpMs,
      long rssUpKb,
      long rssIdleKb,
      long peakKb,
      double load) {}

  /** Issue 13's memory target, for the first variant. */
  static final Target IDLE_RSS = new Target("idle RSS after start (VmRSS), median", "MiB", 64);

  /** BENCHMARKS.md's start-up target (to the "is up" line; launch → first reply: ReactionBench). */
  static final Target UP = new Target("launch → \"is up\", median", "ms", 1500);

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Path dir = Files.createTempDirectory("chatrixcd-startup-bench");
    Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
    options.variants().forEach(v -> samples.put(v, new ArrayList<>()));
    try (BenchWorld world = BenchWorld.create(dir)) {
      Variant first = options.variants().getFirst();
      Sample fresh = measure(options, world, dir, first, 0);
      System.out.printf(
          Locale.ROOT,
          "first start (fresh store: login, key upload), %s: up %.0f ms, first sync %.0f ms%n",
          first.name(),
          fresh.upMs(),
          fresh.firstSyncMs());
      for (int run = 1; run <= options.runs(); run++) {
        for (Variant variant : options.variants()) {
          Sample s = measure(options, world, dir, variant, options.idleSeconds());
          samples.get(variant).add(s);
          System.out.printf(
              Locale.ROOT,
              "run %d %-12s up %6.0f ms  first sync %6.0f ms  cpu %6.0f ms  rss up %4d MB"
                  + "  rss idle %4d MB  peak %4d MB  load %.2f%n",
              run,
              variant.name(),
              s.upMs(),
              s.firstSyncMs(),
              s.cpuUpMs(),
              s.rssUpKb() / 1024,
              s.rssIdleKb() / 1024,
              s.peakKb() / 1024,
              s.load());
        }
      }
    }
    report(options, samples);
  }

  private static Sample measure(
      Options options, BenchWorld world, Path dir, Variant variant, int idleSeconds)
      throws IOException, InterruptedException {
    world.clearRequests();
    List<String> botArgs = List.of("-L", "-c", world.config().toString());
    try (BotLaunch bot =
        BotLaunch.start(
            variant.command(options.java(), options.repo(), botArgs),
            variant.environment(options.java()),
            dir)) {
      double up = bot.awaitUpMillis();
      double cpuUp = ProcStats.cpuMillis(bot.pid());
      long rssUp = ProcStats.rssKb(bot.pid()).orElse(-1);
      double firstSync = firstSyncMillis(world, bot.startedAt());
      long rssIdle = rssUp;
      if (idleSeconds > 0) {
        Thread.sleep(Duration.ofSeconds(idleSeconds));
        rssIdle = ProcStats.rssKb(bot.pid()).orElse(-1);
      }
      long peak = ProcStats.peakRssKb(bot.pid()).orElse(-1);
      return new Sample(up, firstSync, cpuUp, rssUp, rssIdle, peak, ProcStats.loadAverage());
    }
  }

  /** From the process start to the bot's second /sync request, as the homeserver saw it. */
  private static double firstSyncMillis(BenchWorld world, Instant startedAt)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Optional<Instant> at = world.secondSyncAt();
    while (at.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      at = world.secondSyncAt();
    }
    return at.map(t -> Duration.between(startedAt, t).toNanos() / 1e6).orElse(Double.NaN);
  }

  private static void report(Options options, Map<Variant, List<Sample>> samples) {
    System.out.printf(
        Locale.ROOT,
        "%n%d runs per variant, idle %d s, %d cores, bench JVM %s%n%n",
        options.runs(),
        options.idleSeconds(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.println(
        "| variant | up (\"is up\" line) | first sync (2nd /sync) | CPU time until up | RSS when up"
            + " | RSS after idle | peak RSS | load avg |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    samples.forEach((variant, list) ->
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
            variant.name(),
            Stats.of(list.stream().map(Sample::upMs).toList()).format("ms"),
            Stats.of(list.stream().map(Sample::firstSyncMs).toList()).format("ms"),
            Stats.of(list.stream().map(Sample::cpuUpMs).toList()).format("ms"),
            Stats.of(list.stream().map(s -> s.rssUpKb() / 1024.0).toList()).format("MB"),
            Stats.of(list.stream().map(s -> s.rssIdleKb() / 1024.0).toList()).format("MB"),
            Stats.of(list.stream().map(s -> s.peakKb() / 1024.0).toList()).format("MB"),
            Stats.of(list.stream().map(Sample::load).toList()).format("").strip()));
    System.out.println();
    List<Sample> measured = samples.values().iterator().next();
    System.out.println(
        IDLE_RSS.line(
            Stats.of(measured.stream().map(s -> s.rssIdleKb() / 1024.0).toList()).median()));
    System.out.println(UP.line(Stats.of(measured.stream().map(Sample::upMs).toList()).median()));
    System.out.println();
    samples
        .keySet()
        .forEach(v ->
            System.out.println(
                v.name()
                    + ": "
                    + (v.launcher() ? v.script().map(Path::toString).orElse("./chatrixcd") : "java")
                    + " "
                    + v.jvmFlags()));
  }

  private static Options parse(String[] args) {
    int runs = 7;
    int idle = 30;
    Path repo = Path.of("").toAbsolutePath();
    List<Variant> variants = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value);
        case "--idle" -> idle = Integer.parseInt(value);
        case "--repo" -> repo = Path.of(value).toAbsolutePath();
        case "--variant" -> variants.add(Variant.parse(value));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (variants.isEmpty()) {
      variants.add(new Variant("launcher", "", true, Optional.empty()));
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new Options(runs, idle, repo, java, List.copyOf(variants));
  }
}
