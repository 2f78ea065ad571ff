package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThemeFactoryTest {

  @Test
  void nearestAnsiPicksTheClosestOfSixteen() {
    assertThat(ThemeFactory.nearestAnsi(new TextColor.RGB(250, 5, 5)))
        .isIn(TextColor.ANSI.RED, TextColor.ANSI.RED_BRIGHT);
    assertThat(ThemeFactory.nearestAnsi(new TextColor.RGB(0, 0, 0)))
        .isEqualTo(TextColor.ANSI.BLACK);
    assertThat(ThemeFactory.nearestAnsi(new TextColor.RGB(255, 255, 255)))
        .isEqualTo(TextColor.ANSI.WHITE_BRIGHT);
    // Brand colours on a 16-colour terminal: the dark grey stays dark, the green stays green-blue.
    TextColor.ANSI dark = ThemeFactory.nearestAnsi(new TextColor.RGB(0x2D, 0x32, 0x38));
    assertThat(dark).isIn(TextColor.ANSI.BLACK, TextColor.ANSI.BLACK_BRIGHT);
    TextColor.ANSI green = ThemeFactory.nearestAnsi(new TextColor.RGB(0x4A, 0x9B, 0x7F));
    assertThat(green).isIn(TextColor.ANSI.GREEN, TextColor.ANSI.CYAN);
  }

  @Test
  void colourKeepsRgbOnlyOnTrueColourTerminals() {
    assertThat(ThemeFactory.colour(0x4A9B7F, true)).isEqualTo(new TextColor.RGB(0x4A, 0x9B, 0x7F));
    assertThat(ThemeFactory.colour(0x4A9B7F, false)).isInstanceOf(TextColor.ANSI.class);
  }

  @Test
  void trueColourConsoleDrawsTheBrandBackground() {
    ConsoleOptions options = new ConsoleOptions(true, false, ConsoleTheme.DEFAULT, true);
    try (ConsoleHarness h = new ConsoleHarness(new TerminalSize(80, 24), options)) {
      h.awaitText("@bot:example.org");
      TextColor background = h.terminal.getCharacter(40, 12).getBackgroundColor();
      assertThat(background).isEqualTo(new TextColor.RGB(0x2D, 0x32, 0x38));
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ConsoleTheme.class)
  void everyThemePaintsItsOwnBackground(ConsoleTheme theme) {
    ConsoleOptions options = new ConsoleOptions(true, false, theme, true);
    try (ConsoleHarness h = new ConsoleHarness(new TerminalSize(80, 24), options)) {
      h.awaitText("@bot:example.org");
      assertThat(h.terminal.getCharacter(40, 12).getBackgroundColor())
          .isEqualTo(ThemeFactory.colour(theme.background, true));
    }
  }

  @Test
  void sixteenColourConsoleUsesOnlyAnsiColours() {
    ConsoleOptions options = new ConsoleOptions(true, false, ConsoleTheme.MIDNIGHT, false);
    try (ConsoleHarness h = new ConsoleHarness(new TerminalSize(80, 24), options)) {
      h.awaitText("@bot:example.org");
      for (int row = 0; row < 24; row++) {
        for (int col = 0; col < 80; col++) {
          var c = h.terminal.getCharacter(col, row);
          assertThat(c.getBackgroundColor()).isInstanceOf(TextColor.ANSI.class);
          assertThat(c.getForegroundColor()).isInstanceOf(TextColor.ANSI.class);
        }
      }
    }
  }

  @Test
  void withoutColourTheTerminalKeepsItsOwnColours() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.awaitText("@bot:example.org");
      assertThat(h.terminal.getCharacter(40, 12).getBackgroundColor())
          .isEqualTo(TextColor.ANSI.DEFAULT);
    }
  }
}
