package cd.chatrix.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run: a fresh world and bot process, the bot joined everywhere, the load fired, every reply
 * waited for (or the deadline), and the measurements taken.
 */
final class LoadRun {
  private static final Duration JOIN_DEADLINE = Duration.ofMinutes(3);
  private static final Duration REPLY_DEADLINE = Duration.ofMinutes(3);

  /** After the last expected reply: time for a duplicate to show up if the bot sent one. */
  private static final Duration DUPLICATE_GRACE = Duration.ofSeconds(3);

  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final BenchOptions options;
  private final Log log;

  /** Where progress lines go (stderr), so the report on stdout stays clean. */
  interface Log {
    void say(String line);
  }

  LoadRun(BenchOptions options, Log log) {
    this.options = options;
    this.log = log;
  }

  RunResult execute() throws Exception {
    Path workDir = Files.createTempDirectory("chatrixcd-load");
    long t = System.nanoTime();
    try (LoadWorld world = LoadWorld.build(options.rooms(), options.usersPerRoom());
        BenchMatrixClient client = new BenchMatrixClient(world.homeserver.baseUri())) {
      log.say(
          "world ready: %d rooms, %d people (%.1f s)"
              .formatted(world.rooms.size(), world.people(), seconds(System.nanoTime() - t)));
      BotConfig config = BotConfig.write(workDir, world, options.commandsPerUser());
      try (BotProcess bot =
          BotProcess.launch(options.dist(), options.launcher(), config.file(), workDir)) {
        log.say("bot JVM: " + bot.jvm());
        awaitJoined(client, world, bot);
        URI metrics = URI.create("http://127.0.0.1:" + config.httpPort() + "/metrics");
        awaitMetrics(client, metrics, bot);
        Thread.sleep(SETTLE);
        long rssIdle = RssSampler.rssKb(bot.pid()).orElse(0);
        log.say("bot %d joined all rooms; idle RSS %d MiB".formatted(bot.pid(), rssIdle / 1024));
        return load(client, world, bot, metrics, rssIdle);
      }
    } finally {
      if (options.keep()) {
        log.say("kept " + workDir);
      } else {
        deleteQuietly(workDir);
      }
    }
  }

  private RunResult load(
      BenchMatrixClient client, LoadWorld world, BotProcess bot, URI metrics, long rssIdle)
      throws InterruptedException {
    double loadBefore = LoadAverage.oneMinute();
    MetricsText before = MetricsText.fetch(client.http(), metrics);
    double cpuBefore = CpuTime.ofProcess(bot.pid());
    double benchCpuBefore = CpuTime.ofProcess(ProcessHandle.current().pid());
    List<String> mix = LoadFirer.readMix("!cd", options.mix(), world.projectId);
    LoadFirer firer = new LoadFirer(client, mix, options.commandsPerUser(), options.maxInFlight());
    try (ReplyCollector replies = ReplyCollector.start(client, world.observer, world.botUserId);
        RssSampler rss = RssSampler.start(bot.pid())) {
      long start = System.nanoTime();
      firer.fire(world.rooms);
      long fired = System.nanoTime();
      List<SentCommand> sent = firer.sent();
      log.say(
          "sent %d commands in %.1f s (%d failed); waiting for replies"
              .formatted(sent.size(), seconds(fired - start), firer.failures()));
      awaitReplies(sent, replies, bot);
      long lastReply =
          sent.stream()
              .map(c -> replies.repliesTo(c.eventId()))
              .filter(r -> !r.isEmpty())
              .mapToLong(List::getFirst)
              .max()
              .orElse(System.nanoTime());
      double loadAfter = LoadAverage.oneMinute();
      Thread.sleep(DUPLICATE_GRACE);
      double cpuAfter = CpuTime.ofProcess(bot.pid());
      double benchCpu = CpuTime.ofProcess(ProcessHandle.current().pid()) - benchCpuBefore;
      MetricsText after = bot.alive() ? MetricsText.fetch(client.http(), metrics) : before;
      long hwm = RssSampler.highWaterKb(bot.pid()).orElse(0);
      return summarise(
          sent,
          firer,
          replies,
          new Timing(start, fired, lastReply),
          new Metrics(
              ProcessingMetrics.of(after),
              ProcessingMetrics.of(before),
              ProcessingMetrics.of(after, ProcessingMetrics.PORT_WAIT),
              BotActivity.of(after, cpuAfter).since(BotActivity.of(before, cpuBefore))),
          new Memory(rssIdle, rss.peakKb(), hwm),
          benchCpu,
          loadBefore,
          loadAfter);
    }
  }

  private record Timing(long start, long fired, long lastReply) {}

  private record Memory(long idleKb, long peakKb, long highWaterKb) {}

  private record Metrics(
      ProcessingMetrics after,
      ProcessingMetrics before,
      ProcessingMetrics semaphoreWait,
      BotActivity activity) {}

  private RunResult summarise(
      List<SentCommand> sent,
      LoadFirer firer,
      ReplyCollector replies,
      Timing timing,
      Metrics metrics,
      Memory memory,
      double benchCpuMs,
      double loadBefore,
      double loadAfter) {
    int once = 0;
    int none = 0;
    int twice = 0;
    List<Long> latencies = new ArrayList<>();
    Map<String, List<Long>> byCommand = new TreeMap<>();
    for (SentCommand c : sent) {
      List<Long> seen = replies.repliesTo(c.eventId());
      switch (seen.size()) {
        case 0 -> none++;
        case 1 -> once++;
        default -> twice++;
      }
      if (!seen.isEmpty()) {
        long latency = seen.getFirst() - c.sentAtNanos();
        latencies.add(latency);
        byCommand.computeIfAbsent(c.command(), k -> new ArrayList<>()).add(latency);
      }
    }
    Map<String, Percentiles> perCommand = new TreeMap<>();
    byCommand.forEach((k, v) -> perCommand.put(k, Percentiles.of(v)));
    double drain = seconds(timing.lastReply() - timing.start());
    int planned = options.commands();
    List<String> problems = new ArrayList<>();
    if (sent.size() != planned) {
      problems.add(
          "only %d of %d commands were sent; e.g. %s"
              .formatted(sent.size(), planned, firer.failureSamples()));
    }
    if (none > 0) {
      problems.add(none + " commands got no reply within " + REPLY_DEADLINE.toSeconds() + " s");
    }
    if (twice > 0) {
      problems.add(twice + " commands got more than one reply");
    }
    if (replies.gaps() > 0) {
      problems.add(replies.gaps() + " observer timelines were cut short (limited)");
    }
    replies.failure().ifPresent(e -> problems.add("the observer's sync failed: " + e.getMessage()));
    ProcessingMetrics after = metrics.after();
    long counted = after.count() - metrics.before().count();
    if (after.present() && counted < sent.size()) {
      problems.add(
          "the bot counted %d processed commands for %d sent".formatted(counted, sent.size()));
    }
    return new RunResult(
        planned,
        sent.size(),
        firer.failures(),
        once,
        none,
        twice,
        replies.otherBotMessages(),
        replies.gaps(),
        Percentiles.of(latencies),
        perCommand,
        seconds(timing.fired() - timing.start()),
        drain,
        drain > 0 ? latencies.size() / drain : 0,
        after,
        metrics.semaphoreWait(),
        metrics.before().count(),
        metrics.activity(),
        benchCpuMs,
        memory.idleKb(),
        memory.peakKb(),
        memory.highWaterKb(),
        loadBefore,
        loadAfter,
        problems);
  }

  private void awaitJoined(BenchMatrixClient client, LoadWorld world, BotProcess bot)
      throws InterruptedException {
    long deadline = System.nanoTime() + JOIN_DEADLINE.toNanos();
    Set<String> pending = new HashSet<>();
    world.rooms.forEach(r -> pending.add(r.roomId()));
    while (!pending.isEmpty()) {
      if (!bot.alive()) {
        throw new IllegalStateException("the bot exited during start-up:\n" + bot.consoleTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the bot joined only %d of %d rooms within %s:\n%s"
                .formatted(
                    world.rooms.size() - pending.size(),
                    world.rooms.size(),
                    JOIN_DEADLINE,
                    bot.consoleTail()));
      }
      pending.removeIf(
          room -> client.joinedMembers(world.observer, room).contains(world.botUserId));
      if (!pending.isEmpty()) {
        Thread.sleep(250);
      }
    }
  }

  private static void awaitMetrics(BenchMatrixClient client, URI metrics, BotProcess bot)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        MetricsText.fetch(client.http(), metrics);
        return;
      } catch (IllegalStateException e) {
        if (!bot.alive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the ops endpoint " + metrics + " did not answer:\n" + bot.consoleTail(), e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static void awaitReplies(List<SentCommand> sent, ReplyCollector replies, BotProcess bot)
      throws InterruptedException {
    long deadline = System.nanoTime() + REPLY_DEADLINE.toNanos();
    while (System.nanoTime() < deadline && bot.alive() && replies.failure().isEmpty()) {
      boolean all = sent.stream().noneMatch(c -> replies.repliesTo(c.eventId()).isEmpty());
      if (all) {
        return;
      }
      Thread.sleep(50);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Only a temporary folder is left behind.
    }
  }
}
