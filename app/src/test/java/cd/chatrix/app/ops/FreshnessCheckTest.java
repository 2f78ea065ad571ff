package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FreshnessCheckTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final FreshnessCheck check = new FreshnessCheck("sync", Duration.ofSeconds(60), clock);

  @Test
  void failsUntilTheFirstSuccess() {
    assertThat(check.check())
        .containsExactly(CheckResult.failing("sync", "no success yet since start-up"));

    check.markOk();

    assertThat(check.check()).containsExactly(CheckResult.ok("sync"));
  }

  @Test
  void goesStaleAfterMaxAge() {
    check.markOk();
    clock.advance(Duration.ofSeconds(60));
    assertThat(check.check()).containsExactly(CheckResult.ok("sync"));

    clock.advance(Duration.ofSeconds(31));

    assertThat(check.check())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.ok()).isFalse();
          assertThat(r.reason()).contains("91 s ago").contains("60 s");
        });
  }

  @Test
  void aFailureAfterTheLastSuccessWinsUntilTheNextSuccess() {
    check.markOk();
    clock.advance(Duration.ofSeconds(1));
    check.markFailed("Semaphore answered 502");

    assertThat(check.check())
        .containsExactly(CheckResult.failing("sync", "Semaphore answered 502"));

    clock.advance(Duration.ofSeconds(1));
    check.markOk();

    assertThat(check.check()).containsExactly(CheckResult.ok("sync"));
  }
}
