package cd.chatrix.bot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.BotSettings.RateLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final RateLimiter limiter = new RateLimiter();
  private final RateLimit limit = new RateLimit(2, Duration.ofSeconds(10));
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void slidingWindowWarnsOnce() {
    assertThat(limiter.check("@a:x", limit, t0).allowed()).isTrue();
    assertThat(limiter.check("@a:x", limit, t0.plusSeconds(1)).allowed()).isTrue();
    var third = limiter.check("@a:x", limit, t0.plusSeconds(2));
    assertThat(third.allowed()).isFalse();
    assertThat(third.warn()).isTrue();
    assertThat(limiter.check("@a:x", limit, t0.plusSeconds(3)).warn()).isFalse();
    assertThat(limiter.check("@b:x", limit, t0.plusSeconds(3)).allowed()).isTrue();
    assertThat(limiter.check("@a:x", limit, t0.plusSeconds(11)).allowed()).isTrue();
  }

  @Test
  void zeroDisables() {
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.check("@a:x", RateLimit.OFF, t0).allowed()).isTrue();
    }
  }
}
