package cd.chatrix.matrix.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;

/**
 * Exponential back-off with "full jitter": many bots restarting after the same outage should not
 * hammer the homeserver in lockstep.
 */
public record Backoff(Duration initial, Duration max) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

  /**
   * The JVM property that overrides {@link #DEFAULT}: {@code INITIAL,MAX}, e.g. {@code 100ms,2s}.
   */
  public static final String PROPERTY = "chatrixcd.matrix.backoff";

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "a back-off needs 0 < initial <= max, got " + initial + " and " + max);
    }
  }

  /** The wait before attempt {@code attempt + 1} (attempt counts from 0). */
  public Duration delay(int attempt) {
    long ceiling = initial.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(Math.max(ceiling, 1), max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }

  /**
   * {@link #DEFAULT}, unless {@code -Dchatrixcd.matrix.backoff=INITIAL,MAX} asks for other bounds
   * (a bot next to its homeserver may want a lower cap; the fault-matrix tests use one to stay
   * short). A value that cannot be read is reported and ignored.
   */
  public static Backoff configured() {
    return Optional.ofNullable(System.getProperty(PROPERTY))
        .filter(v -> !v.isBlank())
        .flatMap(Backoff::parse)
        .orElse(DEFAULT);
  }

  static Optional<Backoff> parse(String value) {
    String[] parts = value.split(",");
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("two durations are needed");
      }
      return Optional.of(new Backoff(duration(parts[0]), duration(parts[1])));
    } catch (IllegalArgumentException e) {
      LoggerFactory.getLogger(Backoff.class)
          .warn(
              "-D{}={} is not INITIAL,MAX (e.g. 100ms,2s): {}; using {} ms to {} s",
              PROPERTY,
              value,
              e.getMessage(),
              DEFAULT.initial().toMillis(),
              DEFAULT.max().toSeconds());
      return Optional.empty();
    }
  }

  private static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).strip()));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).strip()));
    }
    throw new IllegalArgumentException("'" + text + "' has no unit (ms, s or m)");
  }
}
