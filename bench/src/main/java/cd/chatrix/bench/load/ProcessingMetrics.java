package cd.chatrix.bench.load;

import java.util.OptionalDouble;

/**
 * The bot's own view of its processing time: the Summary {@value #NAME} on its {@code /metrics}
 * endpoint (a command reaching the bot's handler → first reply handed to the chat port). Its
 * quantiles cover a sliding window of several minutes, which spans one bench run; a fresh bot
 * process per run keeps runs apart.
 *
 * @param present whether the endpoint exposes the Summary at all (older builds do not)
 * @param p50Ms the 0.5 quantile in milliseconds, NaN when absent
 * @param p99Ms the 0.99 quantile in milliseconds, NaN when absent
 * @param count commands observed since the bot started
 * @param sumMs their total processing time in milliseconds
 */
record ProcessingMetrics(boolean present, double p50Ms, double p99Ms, long count, double sumMs) {
  static final String NAME = "chatrixcd_command_processing_seconds";

  /**
   * The part of each command spent waiting for Semaphore or the homeserver, which {@value #NAME}
   * leaves out.
   */
  static final String PORT_WAIT = "chatrixcd_command_wait_seconds";

  /**
   * Reads the Summary. Series split by other labels (none are expected) are added up for count and
   * sum; the quantiles are taken from the first series that has them.
   */
  static ProcessingMetrics of(MetricsText metrics) {
    return of(metrics, NAME);
  }

  /** The same for any Summary of the bot's. */
  static ProcessingMetrics of(MetricsText metrics, String name) {
    if (!metrics.has(name) && !metrics.has(name + "_count")) {
      return new ProcessingMetrics(false, Double.NaN, Double.NaN, 0, Double.NaN);
    }
    return new ProcessingMetrics(
        true,
        quantile(metrics, name, "0.5").orElse(Double.NaN) * 1000,
        quantile(metrics, name, "0.99").orElse(Double.NaN) * 1000,
        (long) metrics.total(name + "_count"),
        metrics.total(name + "_sum") * 1000);
  }

  private static OptionalDouble quantile(MetricsText metrics, String name, String q) {
    return metrics.samples().stream()
        .filter(s -> s.name().equals(name) && s.labels().contains("quantile=\"" + q + "\""))
        .mapToDouble(MetricsText.Sample::value)
        .findFirst();
  }

  double meanMs() {
    return count == 0 ? Double.NaN : sumMs / count;
  }
}
