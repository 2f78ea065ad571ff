package cd.chatrix.bot.text;

import java.time.Duration;

/** Short human durations: 45s, 3m 05s, 1h 02m. */
public final class Durations {
  private Durations() {}

  public static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm %02ds", s / 60, s % 60);
    }
    return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
  }
}
