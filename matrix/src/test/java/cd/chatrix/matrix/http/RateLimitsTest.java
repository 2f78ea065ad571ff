package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private static HttpResult result(String body, Map<String, List<String>> headers) {
    return new HttpResult(429, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bodyHintWinsOverHeader() {
    var r =
        result(
            "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":1500}",
            Map.of("Retry-After", List.of("9")));
    assertThat(RateLimits.waitFor(r)).contains(Duration.ofMillis(1500));
  }

  @Test
  void readsRetryAfterSecondsAndDates() {
    assertThat(RateLimits.waitFor(result("{}", Map.of("retry-after", List.of("4")))))
        .contains(Duration.ofSeconds(4));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
    assertThat(RateLimits.parseRetryAfter(past)).contains(Duration.ZERO);
  }

  @Test
  void noHintMeansEmpty() {
    assertThat(RateLimits.waitFor(result("not json", Map.of()))).isEmpty();
  }
}
