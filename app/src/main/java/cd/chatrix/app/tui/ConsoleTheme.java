package cd.chatrix.app.tui;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The colour themes, as RGB triples. {@link ThemeFactory} turns them into a Lanterna theme and maps
 * them to the 16 ANSI colours when the terminal cannot show true colour.
 */
public enum ConsoleTheme {
  /** Brand colours: green {@code #4A9B7F} on dark {@code #2D3238}. */
  DEFAULT(0xE8ECEF, 0x2D3238, 0xFFFFFF, 0x3E454D, 0x1B1F23, 0x4A9B7F, 0x4A9B7F),
  MIDNIGHT(0xC9D4E8, 0x101828, 0xFFFFFF, 0x1F2B45, 0x0B1020, 0x4A9B7F, 0x6FB7E9),
  GRAYSCALE(0xD8D8D8, 0x262626, 0xFFFFFF, 0x404040, 0x000000, 0xB0B0B0, 0xFFFFFF);

  final int foreground;
  final int background;
  final int editableForeground;
  final int editableBackground;
  final int selectedForeground;
  final int selectedBackground;
  final int accent;

  ConsoleTheme(
      int foreground,
      int background,
      int editableForeground,
      int editableBackground,
      int selectedForeground,
      int selectedBackground,
      int accent) {
    this.foreground = foreground;
    this.background = background;
    this.editableForeground = editableForeground;
    this.editableBackground = editableBackground;
    this.selectedForeground = selectedForeground;
    this.selectedBackground = selectedBackground;
    this.accent = accent;
  }

  /** Reads a theme name as the configuration and the command line spell it. */
  public static ConsoleTheme parse(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    for (ConsoleTheme theme : values()) {
      if (theme.name().equals(wanted)) {
        return theme;
      }
    }
    throw new IllegalArgumentException(
        "unknown TUI theme '"
            + name
            + "'; use one of "
            + Arrays.stream(values())
                .map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }
}
