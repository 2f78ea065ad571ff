package cd.chatrix.bench.process;

import java.util.List;
import java.util.Locale;

/** Median, minimum and maximum of a handful of runs, formatted for the report. */
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

  String format(String unit) {
    return String.format(Locale.ROOT, "%.0f %s (%.0f–%.0f)", median, unit, min, max);
  }
}
