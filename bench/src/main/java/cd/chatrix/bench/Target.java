package cd.chatrix.bench;

import java.util.Locale;

/**
 * A figure beside its target (issue 13's targets, BENCHMARKS.md), as every bench prints it last, so
 * {@code bench/run-all.sh} shows each result where it can be compared. Lower is better for all of
 * them.
 *
 * @param figure what was measured, in words
 * @param unit the unit both numbers are in
 * @param limit the target: the figure should be at most this
 */
public record Target(String figure, String unit, double limit) {
  /** One line: {@code [met] figure: 3.2 ms (target ≤ 5 ms)}, or {@code [NOT MET]}. */
  public String line(double measured) {
    String verdict =
        Double.isNaN(measured) ? "[no figure]" : measured <= limit ? "[met]    " : "[NOT MET]";
    return String.format(
        Locale.ROOT,
        "%s %s: %s %s (target ≤ %s %s)",
        verdict,
        figure,
        number(measured),
        unit,
        number(limit),
        unit);
  }

  private static String number(double value) {
    return Math.abs(value) >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
