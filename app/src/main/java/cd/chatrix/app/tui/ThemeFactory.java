package cd.chatrix.app.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.SimpleTheme;
import com.googlecode.lanterna.graphics.Theme;
import com.googlecode.lanterna.gui2.Label;

/** Builds the Lanterna theme for the console's options. */
final class ThemeFactory {
  private ThemeFactory() {}

  static Theme theme(ConsoleOptions options) {
    if (!options.colour()) {
      SimpleTheme theme = new SimpleTheme(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT);
      theme
          .getDefaultDefinition()
          .setSelected(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE)
          .setActive(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE)
          .setPreLight(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.BOLD);
      return theme;
    }
    ConsoleTheme t = options.theme();
    boolean rgb = options.trueColour();
    SimpleTheme theme =
        SimpleTheme.makeTheme(
            true,
            colour(t.foreground, rgb),
            colour(t.background, rgb),
            colour(t.editableForeground, rgb),
            colour(t.editableBackground, rgb),
            colour(t.selectedForeground, rgb),
            colour(t.selectedBackground, rgb),
            colour(t.background, rgb));
    return theme;
  }

  /** The colour for headings and the help bar's keys. */
  static TextColor accent(ConsoleOptions options) {
    return options.colour()
        ? colour(options.theme().accent, options.trueColour())
        : TextColor.ANSI.DEFAULT;
  }

  static void styleAccent(Label label, ConsoleOptions options) {
    label.setForegroundColor(accent(options));
    label.addStyle(SGR.BOLD);
  }

  static TextColor colour(int rgb, boolean trueColour) {
    TextColor.RGB exact = new TextColor.RGB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    return trueColour ? exact : nearestAnsi(exact);
  }

  /**
   * The ANSI colour closest to {@code colour}, by a weighted distance that follows how the eye
   * weighs red, green and blue; 16-colour terminals cannot show anything else.
   */
  static TextColor.ANSI nearestAnsi(TextColor colour) {
    TextColor.ANSI best = TextColor.ANSI.BLACK;
    double bestDistance = Double.MAX_VALUE;
    for (TextColor.ANSI candidate : TextColor.ANSI.values()) {
      if (candidate == TextColor.ANSI.DEFAULT) {
        continue;
      }
      double dr = colour.getRed() - candidate.getRed();
      double dg = colour.getGreen() - candidate.getGreen();
      double db = colour.getBlue() - candidate.getBlue();
      double distance = 0.3 * dr * dr + 0.59 * dg * dg + 0.11 * db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return best;
  }
}
