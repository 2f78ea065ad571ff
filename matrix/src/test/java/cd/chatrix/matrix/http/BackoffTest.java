package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void growsExponentiallyWithinHalfToFullOfTheCeiling() {
    for (int i = 0; i < 50; i++) {
      assertThat(backoff.delay(0).toMillis()).isBetween(50L, 100L);
      assertThat(backoff.delay(3).toMillis()).isBetween(400L, 800L);
      assertThat(backoff.delay(30).toMillis()).isBetween(1000L, 2000L);
    }
  }

  @Test
  void isJittered() {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(backoff.delay(5));
    }
    assertThat(seen).hasSizeGreaterThan(5);
  }
}
