package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

  @Test
  void trueColourComesFromColorterm() {
    assertThat(
            ConsoleOptions.forTerminal(true, false, "default", Map.of("COLORTERM", "truecolor"))
                .trueColour())
        .isTrue();
    assertThat(
            ConsoleOptions.forTerminal(true, false, "default", Map.of("COLORTERM", "24bit"))
                .trueColour())
        .isTrue();
    assertThat(
            ConsoleOptions.forTerminal(true, false, "default", Map.of("TERM", "xterm"))
                .trueColour())
        .isFalse();
  }

  @Test
  void themesParseByNameInAnyCase() {
    assertThat(ConsoleTheme.parse("Midnight")).isEqualTo(ConsoleTheme.MIDNIGHT);
    assertThat(ConsoleOptions.forTerminal(false, true, " grayscale ", Map.of()).theme())
        .isEqualTo(ConsoleTheme.GRAYSCALE);
    assertThatThrownBy(() -> ConsoleTheme.parse("neon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default, midnight, grayscale");
  }
}
