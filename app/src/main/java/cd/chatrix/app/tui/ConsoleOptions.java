package cd.chatrix.app.tui;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the console looks and listens.
 *
 * @param colour use the theme's colours ({@code -C}); without it the console uses the terminal's
 *     own colours and reverse video for the selection
 * @param mouse capture mouse clicks ({@code -m})
 * @param theme which colour theme
 * @param trueColour whether the terminal shows 24-bit colour; when not, theme colours are mapped to
 *     the nearest of the 16 ANSI colours
 */
public record ConsoleOptions(
    boolean colour, boolean mouse, ConsoleTheme theme, boolean trueColour) {
  public ConsoleOptions {
    Objects.requireNonNull(theme, "theme");
  }

  /** Plain defaults: no colour, no mouse. */
  public static ConsoleOptions plain() {
    return new ConsoleOptions(false, false, ConsoleTheme.DEFAULT, false);
  }

  /**
   * Options for a real terminal, deciding true-colour support from the environment the way most
   * terminals announce it ({@code COLORTERM=truecolor} or {@code 24bit}).
   */
  public static ConsoleOptions forTerminal(
      boolean colour, boolean mouse, String themeName, Map<String, String> environment) {
    String colorTerm = environment.getOrDefault("COLORTERM", "").toLowerCase(Locale.ROOT);
    boolean trueColour = colorTerm.equals("truecolor") || colorTerm.equals("24bit");
    return new ConsoleOptions(colour, mouse, ConsoleTheme.parse(themeName), trueColour);
  }
}
