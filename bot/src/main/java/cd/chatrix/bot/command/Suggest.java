package cd.chatrix.bot.command;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the closest known word to a typo (Damerau–Levenshtein, small distances only). */
public final class Suggest {
  private Suggest() {}

  public static Optional<String> nearest(String typed, Collection<String> known) {
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int allowed = Math.max(1, Math.min(2, t.length() / 3));
    for (String k : known) {
      if (Math.abs(k.length() - t.length()) > allowed) {
        // The distance is at least the difference in length: too far to suggest.
        continue;
      }
      int d = distance(t, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
        best = k;
        bestDistance = d;
      }
    }
    if (bestDistance == 0) {
      return Optional.empty();
    }
    if (best != null && bestDistance > 0 && bestDistance <= allowed) {
      return Optional.of(best);
    }
    var prefixed = known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(t)).toList();
    if (t.length() >= 2 && prefixed.size() == 1) {
      return Optional.of(prefixed.getFirst());
    }
    return Optional.empty();
  }

  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
