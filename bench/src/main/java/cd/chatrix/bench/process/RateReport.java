package cd.chatrix.bench.process;

import cd.chatrix.bench.process.RateCycles.ReadTiming;
import cd.chatrix.bench.process.RateCycles.StartTiming;
import cd.chatrix.bench.process.SemaphoreRateBench.Options;
import cd.chatrix.bench.process.SemaphoreRateBench.Run;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The end of the Semaphore rate bench: one table with a column per store (medians over the runs,
 * percentiles over every sample of every run), then one {@code [figure]} line per store and figure,
 * which {@code bench/run-all.sh} repeats in its summary. There is no target for these: they say
 * what a store costs, beside the other.
 */
final class RateReport {
  private RateReport() {}

  static void print(Options options, Map<BenchStore.Kind, List<Run>> runs) {
    System.out.printf(
        Locale.ROOT,
        "%nSemaphore work through the bot, %d rooms at once (closed loops), %d runs of %d starts"
            + " and %d reads per room; medians over the runs, percentiles over all samples%n",
        options.rooms(),
        options.runs(),
        options.starts(),
        options.reads());
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-52s", ""));
    runs.keySet().forEach(k -> header.append(String.format(Locale.ROOT, "%22s", k.label())));
    System.out.println(header);
    row(runs, "task starts/s (POSTs at Semaphore)", r -> rateCell(r, Run::postsPerSecond));
    row(
        runs,
        "  yes → POST, median / p99 (ms)",
        r -> pair(r, Run::startTimings, StartTiming::yesToPostMs));
    row(
        runs,
        "  POST → status message, median / p99 (ms)",
        r -> pair(r, Run::startTimings, StartTiming::postToStatusMs));
    row(
        runs,
        "  Semaphore requests per start",
        r -> number(median(r, x -> (double) x.startRequests() / x.startsDone()), 2));
    row(
        runs,
        "status reads: requests/s at Semaphore",
        r -> rateCell(r, Run::readRequestsPerSecond));
    row(runs, "  reads answered/s", r -> rateCell(r, Run::readsPerSecond));
    row(
        runs,
        "  reaction, median / p99 (ms)",
        r -> pair(r, Run::readTimings, ReadTiming::reactionMs));
    row(
        runs,
        "store commits per start / per read (server count)",
        r -> perOperation(r, BenchStore.ServerCounters::commits));
    row(
        runs,
        "WAL syncs per start / per read (server count)",
        r -> perOperation(r, BenchStore.ServerCounters::walSyncs));
    row(
        runs,
        "bot CPU per start or read (ms)",
        r -> number(median(r, x -> x.botCpuMs() / (x.startsDone() + x.readsDone())), 2));
    row(
        runs,
        "load average (1 min) during the runs",
        r -> {
          Stats load = Stats.of(r.stream().map(Run::load).toList());
          return String.format(Locale.ROOT, "%.1f–%.1f", load.min(), load.max());
        });
    System.out.println();
    runs.forEach((kind, r) -> {
      String where = ", " + options.rooms() + " rooms, " + kind.label() + " store: ";
      System.out.printf(
          Locale.ROOT,
          "[figure] Semaphore task starts through the bot%s%.1f /s (median of %d runs);"
              + " yes → POST median %.1f ms, p99 %.1f ms%n",
          where,
          median(r, Run::postsPerSecond),
          r.size(),
          all(r, Run::startTimings, StartTiming::yesToPostMs, 50),
          all(r, Run::startTimings, StartTiming::yesToPostMs, 99));
      System.out.printf(
          Locale.ROOT,
          "[figure] Semaphore requests of status reads through the bot%s%.1f /s (median of %d"
              + " runs); reaction median %.1f ms, p99 %.1f ms%n",
          where,
          median(r, Run::readRequestsPerSecond),
          r.size(),
          all(r, Run::readTimings, ReadTiming::reactionMs, 50),
          all(r, Run::readTimings, ReadTiming::reactionMs, 99));
    });
  }

  private static void row(
      Map<BenchStore.Kind, List<Run>> runs, String label, Function<List<Run>, String> cell) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-52s", label));
    runs.values().forEach(r -> line.append(String.format(Locale.ROOT, "%22s", cell.apply(r))));
    System.out.println(line);
  }

  /** Median over the runs of a PostgreSQL server count per start and per read; "—" on SQLite. */
  private static String perOperation(
      List<Run> runs, java.util.function.ToLongFunction<BenchStore.ServerCounters> count) {
    if (runs.stream().anyMatch(r -> r.startCounters().isEmpty() || r.readCounters().isEmpty())) {
      return "—";
    }
    double perStart =
        median(runs, r -> (double) count.applyAsLong(r.startCounters().get()) / r.startsDone());
    double perRead =
        median(runs, r -> (double) count.applyAsLong(r.readCounters().get()) / r.readsDone());
    return String.format(Locale.ROOT, "%.1f / %.1f", perStart, perRead);
  }

  private static String rateCell(List<Run> runs, ToDoubleFunction<Run> rate) {
    Stats s = Stats.of(runs.stream().map(r -> rate.applyAsDouble(r)).toList());
    return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", s.median(), s.min(), s.max());
  }

  private static <T> String pair(
      List<Run> runs, Function<Run, List<T>> samples, Function<T, Double> value) {
    return String.format(
        Locale.ROOT, "%.1f / %.1f", all(runs, samples, value, 50), all(runs, samples, value, 99));
  }

  private static <T> double all(
      List<Run> runs, Function<Run, List<T>> samples, Function<T, Double> value, double p) {
    return SemaphoreRateBench.percentile(
        runs.stream().flatMap(r -> samples.apply(r).stream()).toList(), value, p);
  }

  private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
    return Stats.of(runs.stream().map(r -> value.applyAsDouble(r)).toList()).median();
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
