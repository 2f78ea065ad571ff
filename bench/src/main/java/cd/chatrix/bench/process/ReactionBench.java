package cd.chatrix.bench.process;

import cd.chatrix.bench.Target;
import cd.chatrix.testkit.matrix.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How fast the packaged bot answers {@code !cd ping} in a plain or an encrypted room, on the test
 * homeserver's own clock, started through the launcher ({@code ./chatrixcd -L}) as a child process:
 *
 * <ul>
 *   <li><b>launch → first reply</b>: a ping is sent while the bot is down, then the bot is started
 *       on its existing store; from the process start to the homeserver receiving the reply's
 *       {@code PUT} (the room's greeting, if configured, goes first, as in production). One figure
 *       per restart.
 *   <li><b>reaction</b>: on the last start, once warmed up, pings one at a time on an idle bot;
 *       from the homeserver receiving the person's {@code PUT} to it receiving the bot's reply.
 * </ul>
 *
 * <pre>
 * java -cp &lt;bench classpath&gt; cd.chatrix.bench.process.ReactionBench \
 *     [--restarts 5] [--warmup 50] [--samples 200] [--repo .] [--bot-java-opts "-XX:..."] \
 *     [--command "!cd help"] [--store sqlite|postgresql] [--room plain|encrypted]
 * </pre>
 *
 * {@code --bot-java-opts} passes JVM options to the bot (through CHATRIXCD_JAVA_OPTS), e.g. a JFR
 * recording. {@code --command} times another command than {@code !cd ping} (e.g. one that does not
 * ask Semaphore; the targets are for ping). Besides the figures it prints the bot's CPU per ping
 * and when idle. {@code --store postgresql} keeps the bot's state in a throwaway PostgreSQL cluster
 * this bench starts (durable commits, as in production; {@link BenchStore}) instead of SQLite in
 * the store directory. {@code --room encrypted} has the person speak from a device that encrypts
 * ({@code CryptoPerson}, module testclients) in a room with encryption on: the bot decrypts each
 * command and encrypts each reply. {@code bench/trace-reaction.sh} runs this bench under {@code
 * perf trace} and splits each reply into steps (docs/bench/reaction.md).
 */
public final class ReactionBench {
  static Target firstReply(BenchStore.Kind store, BenchWorld.RoomKind room) {
    return new Target(
        "launch → first reply to a ping sent during start-up"
            + roomNote(room)
            + storeNote(store)
            + ", median",
        "ms",
        700);
  }

  static Target reactionMedian(String command, BenchStore.Kind store, String room) {
    return new Target(
        "reaction to " + command + ", " + room + storeNote(store) + ", median (homeserver's clock)",
        "ms",
        5);
  }

  static Target reactionP99(String command, BenchStore.Kind store, String room) {
    return new Target(
        "reaction to " + command + ", " + room + storeNote(store) + ", p99 (homeserver's clock)",
        "ms",
        15);
  }

  /** SQLite is the default, and its figures keep the words they always had. */
  private static String storeNote(BenchStore.Kind store) {
    return store == BenchStore.Kind.SQLITE ? "" : ", " + store.label() + " store";
  }

  /** So is the plain room. */
  private static String roomNote(BenchWorld.RoomKind room) {
    return room == BenchWorld.RoomKind.PLAIN ? "" : ", encrypted room";
  }

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** How long the warmed bot is left alone to measure what it uses when nothing happens. */
  private static final Duration IDLE_WINDOW = Duration.ofSeconds(5);

  private record Options(
      int restarts,
      int warmup,
      int samples,
      Path repo,
      Path java,
      String botJavaOpts,
      String command,
      BenchStore.Kind store,
      BenchWorld.RoomKind room) {}

  private ReactionBench() {}

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Path dir = Files.createTempDirectory("chatrixcd-reaction-bench");
    Variant launcher = new Variant("launcher", options.botJavaOpts(), true, Optional.empty());
    List<String> botArgs;
    List<Double> firstReplies = new ArrayList<>();
    double[] reactions;
    double cpuPerPing;
    double idleCpuPerSecond;
    System.out.println("store: " + options.store().label());
    String roomLabel;
    try (BenchStore store = BenchStore.start(options.store());
        BenchWorld world = BenchWorld.create(dir, store, options.room())) {
      Conversation conversation = world.conversation();
      roomLabel = conversation.label();
      System.out.println("room: " + roomLabel);
      botArgs = List.of("-L", "-c", world.config().toString());
      try (BotLaunch fresh = launch(options, world, launcher, botArgs, dir)) {
        // The first start logs in and joins; its answer shows the room works before timing.
        fresh.awaitUpMillis();
        ping(world, options.command());
      }
      BotLaunch last = null;
      for (int run = 1; run <= options.restarts(); run++) {
        world.clearRequests();
        Conversation.Message command = conversation.send("!cd ping");
        BotLaunch bot = launch(options, world, launcher, botArgs, dir);
        Instant replyAt =
            conversation
                .awaitReply(world.botUserId(), command.eventId(), PATIENCE)
                .receivedIn(world.requests());
        double ms = Duration.between(bot.startedAt(), replyAt).toNanos() / 1e6;
        firstReplies.add(ms);
        System.out.printf(
            Locale.ROOT,
            "restart %d: launch → first reply %.0f ms (load %.2f)%n",
            run,
            ms,
            ProcStats.loadAverage());
        if (run < options.restarts()) {
          bot.close();
        } else {
          last = bot;
        }
      }
      try (BotLaunch warm = last) {
        for (int i = 0; i < options.warmup(); i++) {
          ping(world, options.command());
        }
        double idleBefore = ProcStats.cpuMillis(warm.pid());
        Thread.sleep(IDLE_WINDOW);
        idleCpuPerSecond =
            (ProcStats.cpuMillis(warm.pid()) - idleBefore) / IDLE_WINDOW.toMillis() * 1000;
        reactions = new double[options.samples()];
        double cpuBefore = ProcStats.cpuMillis(warm.pid());
        for (int i = 0; i < options.samples(); i++) {
          reactions[i] = ping(world, options.command());
        }
        cpuPerPing = (ProcStats.cpuMillis(warm.pid()) - cpuBefore) / options.samples();
      }
    }
    Arrays.sort(reactions);
    System.out.printf(
        Locale.ROOT,
        "%nreaction to %s, %s, %s store, %d sent after %d to warm up: median %.2f ms, p95 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms; bot CPU %.2f ms per ping (user + system, 10 ms ticks,"
            + " includes its idle loops over the 50 ms pause); load %.2f%n",
        options.command(),
        roomLabel,
        options.store().label(),
        reactions.length,
        options.warmup(),
        percentile(reactions, 50),
        percentile(reactions, 95),
        percentile(reactions, 99),
        reactions.length == 0 ? Double.NaN : reactions[reactions.length - 1],
        cpuPerPing,
        ProcStats.loadAverage());
    System.out.printf(
        Locale.ROOT,
        "bot CPU when idle: %.1f ms per second (over %d s after the warm-up)%n",
        idleCpuPerSecond,
        IDLE_WINDOW.toSeconds());
    System.out.println(
        firstReply(options.store(), options.room()).line(Stats.of(firstReplies).median()));
    System.out.println(
        reactionMedian(options.command(), options.store(), roomLabel)
            .line(percentile(reactions, 50)));
    System.out.println(
        reactionP99(options.command(), options.store(), roomLabel).line(percentile(reactions, 99)));
  }

  private static BotLaunch launch(
      Options options, BenchWorld world, Variant variant, List<String> botArgs, Path dir)
      throws java.io.IOException {
    return BotLaunch.start(
        variant.command(options.java(), options.repo(), botArgs),
        variant.environment(options.java()),
        dir);
  }

  /** One command (a ping unless told) on an idle bot; returns its reaction in milliseconds. */
  private static double ping(BenchWorld world, String text) throws InterruptedException {
    Thread.sleep(50); // the bot's own reply has come back through its /sync: it is idle again
    world.clearRequests();
    Conversation conversation = world.conversation();
    Conversation.Message command = conversation.send(text);
    Conversation.Message reply =
        conversation.awaitReply(world.botUserId(), command.eventId(), PATIENCE);
    List<RecordedRequest> log = world.requests();
    return Duration.between(command.receivedIn(log), reply.receivedIn(log)).toNanos() / 1e6;
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static Options parse(String[] args) {
    int restarts = 5;
    int warmup = 50;
    int samples = 200;
    Path repo = Path.of("").toAbsolutePath();
    String botJavaOpts = "";
    String command = "!cd ping";
    BenchStore.Kind store = BenchStore.Kind.SQLITE;
    BenchWorld.RoomKind room = BenchWorld.RoomKind.PLAIN;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--restarts" -> restarts = Math.max(1, Integer.parseInt(value));
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--samples" -> samples = Math.max(1, Integer.parseInt(value));
        case "--repo" -> repo = Path.of(value).toAbsolutePath();
        case "--bot-java-opts" -> botJavaOpts = value;
        case "--command" -> command = value;
        case "--store" -> store = BenchStore.Kind.parse(value);
        case "--room" -> room = BenchWorld.RoomKind.parse(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new Options(restarts, warmup, samples, repo, java, botJavaOpts, command, store, room);
  }
}
