package cd.chatrix.app.boot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaceTest {
  private static final Pace PACE = new Pace(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void doublesFromTheStartWithJitterInTheUpperHalf() {
    for (int i = 0; i < 200; i++) {
      assertThat(PACE.delay(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(PACE.delay(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
      assertThat(PACE.delay(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }
  }

  @Test
  void neverWaitsLongerThanTheCapHoweverLongTheOutage() {
    for (int failures : new int[] {6, 7, 30, 64, 1_000_000}) {
      assertThat(PACE.delay(failures)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
  }

  @Test
  void theDefaultIsOneSecondToThirty() {
    assertThat(Pace.DEFAULT).isEqualTo(PACE);
  }

  @Test
  void refusesAnEmptyOrInvertedRange() {
    assertThatThrownBy(() -> new Pace(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Pace(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
