package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessCheckTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
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
