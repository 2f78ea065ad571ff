package cd.chatrix.bot.text;

import java.text.BreakIterator;

/**
 * Text a user typed, made fit to quote back: short (a 30 KB word must not make the reply too large
 * for an event), and unable to disturb the sentence it sits in. Control characters show as their
 * visible symbols (␀, ␛, ␊), and bidi overrides, embeddings and isolates, which would reorder the
 * bot's own words around them, show as �, as do lone surrogates, which no event can carry. HTML
 * escaping is not done here: {@link Reply} escapes everything it is given, this included.
 */
public final class Echo {
  /** Longest quote of a word, name or id in a reply, in code points. */
  public static final int SHORT = 80;

  /** Longest quote of a longer value, such as an option shown in a confirmation prompt. */
  public static final int LONG = 400;

  private static final String ELLIPSIS = "…";

  private Echo() {}

  /** {@code typed} made safe and cut to {@link #SHORT} code points. */
  public static String of(String typed) {
    return of(typed, SHORT);
  }

  /** {@code typed} made safe and cut to at most {@code max} code points, "…" included. */
  public static String of(String typed, int max) {
    String safe = visible(typed);
    if (safe.codePointCount(0, safe.length()) <= max) {
      return safe;
    }
    int end = safe.offsetByCodePoints(0, Math.max(0, max - 1));
    return safe.substring(0, graphemeStart(safe, end)) + ELLIPSIS;
  }

  /**
   * Replaces what cannot be shown as typed: C0/C1 controls and DEL become visible symbols or �,
   * bidi controls and lone surrogates become �. Everything else, emoji sequences and combining
   * marks included, is kept.
   */
  public static String visible(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = replacement(s, i);
      if (replacement == null) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      out.append(replacement);
    }
    return out == null ? s : out.toString();
  }

  /** Whether {@code s} holds no lone surrogate (only such text can go into an event). */
  public static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} with every lone surrogate replaced by �. */
  public static String wellFormedCopy(String s) {
    if (wellFormed(s)) {
      return s;
    }
    var out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** What to put instead of the char at {@code i}, or null to keep it. */
  private static String replacement(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return String.valueOf((char) (0x2400 + c));
    }
    if (c == 0x7F) {
      return "\u2421";
    }
    if (c >= 0x80 && c <= 0x9F) {
      return "\uFFFD";
    }
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      return "\uFFFD";
    }
    if (Character.isHighSurrogate(c)) {
      boolean paired = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      return paired ? null : "\uFFFD";
    }
    if (Character.isLowSurrogate(c)) {
      boolean paired = i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      return paired ? null : "\uFFFD";
    }
    return null;
  }

  /**
   * The start of the grapheme {@code end} falls in, so a cut keeps accents with their letters and
   * emoji sequences whole; {@code end} itself when one grapheme spans everything before it.
   */
  private static int graphemeStart(String s, int end) {
    var graphemes = BreakIterator.getCharacterInstance();
    graphemes.setText(s);
    if (graphemes.isBoundary(end)) {
      return end;
    }
    int before = graphemes.preceding(end);
    return before <= 0 ? end : before;
  }
}
