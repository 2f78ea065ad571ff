package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void shortForms() {
    assertThat(Durations.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.human(Duration.ofSeconds(185))).isEqualTo("3m 05s");
    assertThat(Durations.human(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    assertThat(Durations.human(Duration.ofSeconds(-5))).isEqualTo("0s");
  }
}
