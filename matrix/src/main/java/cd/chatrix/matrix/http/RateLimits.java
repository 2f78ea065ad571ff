package cd.chatrix.matrix.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a 429 answer asks us to wait: {@code retry_after_ms}, else Retry-After. */
public final class RateLimits {
  private RateLimits() {}

  public static Optional<Duration> waitFor(HttpResult result) {
    MatrixError error = result.error();
    if (error.retryAfterMs().isPresent()) {
      return Optional.of(Duration.ofMillis(error.retryAfterMs().getAsLong()));
    }
    return result.header("Retry-After").flatMap(RateLimits::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String trimmed = value.trim();
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration left = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
