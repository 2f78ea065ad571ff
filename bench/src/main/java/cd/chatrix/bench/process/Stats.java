package cd.chatrix.bench.process;

import java.util.List;
import java.util.Locale;

/** Median, minimum and maximum of a handful of runs, formatted for the report; percentiles. */
record Stats(double median, double min, double max) {

  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN);
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new Stats(median, v[0], v[n - 1]);
  }

  /** The {@code p}th percentile of {@code sorted} (nearest rank), NaN when it is empty. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  String format(String unit) {
    return String.format(Locale.ROOT, "%.0f %s (%.0f–%.0f)", median, unit, min, max);
  }
}
