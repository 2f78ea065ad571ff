package cd.chatrix.matrix.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with "full jitter": many bots restarting after the same outage should not
 * hammer the homeserver in lockstep.
 */
public record Backoff(Duration initial, Duration max) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

  /** The wait before attempt {@code attempt + 1} (attempt counts from 0). */
  public Duration delay(int attempt) {
    long ceiling = initial.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(Math.max(ceiling, 1), max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }
}
