package cd.chatrix.semaphore.bench;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.semaphore.watch.TaskEvent;
import cd.chatrix.semaphore.watch.TaskWatcher;
import cd.chatrix.semaphore.watch.WatchedTask;
import cd.chatrix.semaphore.watch.WatcherSettings;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Watcher load benchmark against the simulator (not a unit test; run its main).
 *
 * <ol>
 *   <li>Request rate: 10,000 running tasks over 20 projects, polling only, default settings.
 *       Reported for the warm-up window (intervals still growing) and for the steady window after
 *       it.
 *   <li>Latency from a simulator status change to the watcher's terminal event, with push and with
 *       polling only (default settings; the change comes 0.5-15 s after the task was first seen, so
 *       the poll interval is caught at every stage between its 2 s minimum and 10 s maximum).
 * </ol>
 *
 * Arguments (all optional): runs, warm-up seconds, measured seconds, push samples, poll samples.
 */
public final class WatcherLoadBench {
  private WatcherLoadBench() {}

  public static void main(String[] args) throws Exception {
    int runs = arg(args, 0, 3);
    int warmup = arg(args, 1, 30);
    int window = arg(args, 2, 40);
    int pushSamples = arg(args, 3, 200);
    int pollSamples = arg(args, 4, 8);
    List<double[]> rates = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      double[] r = requestRate(20, 500, warmup, window);
      System.out.printf(
          Locale.ROOT, "run %d: warm-up %.2f req/s, steady %.2f req/s%n", run, r[0], r[1]);
      rates.add(r);
    }
    System.out.printf(
        Locale.ROOT,
        "request rate, median of %d runs: warm-up %.2f req/s, steady %.2f req/s%n",
        runs,
        median(rates.stream().map(r -> r[0]).toList()),
        median(rates.stream().map(r -> r[1]).toList()));
    List<Double> push = latency(true, pushSamples);
    System.out.printf(
        Locale.ROOT,
        "push latency ms: median %.1f, p90 %.1f, max %.1f (n=%d)%n",
        median(push),
        pct(push, 90),
        pct(push, 100),
        push.size());
    List<Double> poll = latency(false, pollSamples);
    System.out.printf(
        Locale.ROOT,
        "poll latency ms: median %.1f, p90 %.1f, max %.1f (n=%d)%n",
        median(poll),
        pct(poll, 90),
        pct(poll, 100),
        poll.size());
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  /** Returns {warm-up rate, steady rate} in requests per second. */
  private static double[] requestRate(
      int projects, int perProject, int warmupSeconds, int windowSeconds)
      throws InterruptedException {
    try (SemaphoreSimulator sim = SemaphoreSimulator.start(Shape.V2_12);
        SemaphoreClient client = client(sim)) {
      List<WatchedTask> watched = new ArrayList<>();
      for (int p = 0; p < projects; p++) {
        int project = sim.createProject("p" + p);
        int template = sim.createTemplate(project, TemplateSpec.ansible("t" + p));
        for (int id : sim.seedTasks(project, template, perProject, "running")) {
          watched.add(WatchedTask.fresh(project, id));
        }
      }
      long before = sim.requests().total();
      try (TaskWatcher watcher =
          new TaskWatcher(client, WatcherSettings.defaults().withPush(false), e -> {})) {
        watcher.start();
        watcher.resume(watched);
        Thread.sleep(Duration.ofSeconds(warmupSeconds));
        long mid = sim.requests().total();
        Thread.sleep(Duration.ofSeconds(windowSeconds));
        long after = sim.requests().total();
        return new double[] {
          (mid - before) / (double) warmupSeconds, (after - mid) / (double) windowSeconds
        };
      }
    }
  }

  private static List<Double> latency(boolean push, int samples) throws InterruptedException {
    List<Double> out = new ArrayList<>();
    try (SemaphoreSimulator sim = SemaphoreSimulator.start(Shape.V2_12);
        SemaphoreClient client = client(sim)) {
      int project = sim.createProject("latency");
      int template = sim.createTemplate(project, TemplateSpec.ansible("t"));
      BlockingQueue<long[]> finished = new LinkedBlockingQueue<>();
      BlockingQueue<Integer> running = new LinkedBlockingQueue<>();
      WatcherSettings settings = WatcherSettings.defaults().withPush(push).withLogs(false);
      try (TaskWatcher watcher =
          new TaskWatcher(
              client,
              settings,
              e -> {
                long now = System.nanoTime();
                if (e instanceof TaskEvent.Finished f) {
                  finished.add(new long[] {f.taskId(), now});
                } else if (e instanceof TaskEvent.StatusChanged s && !s.to().isTerminal()) {
                  running.add(s.taskId());
                }
              })) {
        watcher.start();
        if (push) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (!watcher.pushConnected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
        }
        for (int i = 0; i < samples; i++) {
          int id = sim.seedTasks(project, template, 1, "running").getFirst();
          watcher.watch(project, id);
          running.poll(30, TimeUnit.SECONDS);
          // A random pause so that polling is measured at every phase of its interval.
          Thread.sleep(push ? 2 : ThreadLocalRandom.current().nextLong(500, 15_000));
          long start = System.nanoTime();
          sim.setStatus(id, "success");
          long[] event = finished.poll(60, TimeUnit.SECONDS);
          if (event == null || event[0] != id) {
            throw new IllegalStateException("no terminal event for task " + id);
          }
          out.add((event[1] - start) / 1e6);
        }
      }
    }
    return out;
  }

  private static SemaphoreClient client(SemaphoreSimulator sim) {
    return SemaphoreClient.create(
        SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())));
  }

  private static double median(List<Double> values) {
    return pct(values, 50);
  }

  private static double pct(List<Double> values, int percentile) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
