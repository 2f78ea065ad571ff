package cd.chatrix.bench.load;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of durations in nanoseconds, shown in milliseconds. */
record Percentiles(int count, double p50Ms, double p99Ms, double maxMs) {

  static Percentiles of(Collection<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(
        sorted.length,
        ms(rank(sorted, 0.50)),
        ms(rank(sorted, 0.99)),
        ms(sorted[sorted.length - 1]));
  }

  private static long rank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** The median of a few runs' values (the middle one, or the mean of the two middle ones). */
  static double median(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
