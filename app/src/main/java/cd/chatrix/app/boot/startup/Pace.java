package cd.chatrix.app.boot.startup;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait between attempts: doubling from {@code initial} up to {@code max}, each wait drawn from
 * its upper half so that many bots restarted by the same outage do not knock in step.
 */
public record Pace(Duration initial, Duration max) {
  /** One second, doubling to thirty: a returning server is noticed within half a minute. */
  public static final Pace DEFAULT = new Pace(Duration.ofSeconds(1), Duration.ofSeconds(30));

  public Pace {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, not " + initial + ", " + max);
    }
  }

  /** The wait after failed attempt number {@code failures} (1 for the first failure). */
  public Duration delay(int failures) {
    long ceiling = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
    long capped = Math.min(ceiling, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }
}
