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

  @Test
  void productionValuesStartAtHalfASecondAndCapAtAMinute() {
    for (int i = 0; i < 50; i++) {
      assertThat(Backoff.DEFAULT.delay(0).toMillis()).isBetween(250L, 500L);
      assertThat(Backoff.DEFAULT.delay(1).toMillis()).isBetween(500L, 1000L);
      assertThat(Backoff.DEFAULT.delay(4).toMillis()).isBetween(4000L, 8000L);
      assertThat(Backoff.DEFAULT.delay(7).toMillis()).isBetween(30_000L, 60_000L);
      assertThat(Backoff.DEFAULT.delay(100).toMillis()).isBetween(30_000L, 60_000L);
    }
  }

  @Test
  void theProductionRetryLayerAndSyncUseTheDefaultUnlessThePropertySaysOtherwise() {
    String before = System.getProperty(Backoff.PROPERTY);
    try {
      System.clearProperty(Backoff.PROPERTY);
      assertThat(Backoff.configured()).isEqualTo(Backoff.DEFAULT);
      assertThat(cd.chatrix.matrix.sync.SyncOptions.defaults().backoff())
          .isEqualTo(Backoff.DEFAULT);
      System.setProperty(Backoff.PROPERTY, "100ms, 2s");
      assertThat(Backoff.configured())
          .isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
      System.setProperty(Backoff.PROPERTY, "2s");
      assertThat(Backoff.configured()).isEqualTo(Backoff.DEFAULT);
      System.setProperty(Backoff.PROPERTY, "5s,1s");
      assertThat(Backoff.configured()).isEqualTo(Backoff.DEFAULT);
    } finally {
      if (before == null) {
        System.clearProperty(Backoff.PROPERTY);
      } else {
        System.setProperty(Backoff.PROPERTY, before);
      }
    }
  }
}
