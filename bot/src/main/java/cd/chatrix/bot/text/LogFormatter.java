package cd.chatrix.bot.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits task output into one Matrix event: the newest lines that fit a byte budget (counted as they
 * will be on the wire, JSON escapes included), in plain text and coloured HTML.
 */
public final class LogFormatter {
  private LogFormatter() {}

  /**
   * The formatted tail: {@code shown} of {@code total} lines made it; {@code truncated} when some
   * did not.
   */
  public record FormattedLog(String plain, String html, int shown, int total) {
    public boolean truncated() {
      return shown < total;
    }
  }

  /** Longest line kept whole; longer ones (minified JSON, base64) are cut so any line fits. */
  public static final int MAX_LINE = 4000;

  /** Splits raw output rows into lines (a row may hold several) and cuts over-long ones. */
  public static List<String> lines(List<String> rows) {
    var out = new ArrayList<String>();
    for (String row : rows) {
      for (String l : row.split("\n", -1)) {
        out.add(l.length() > MAX_LINE ? l.substring(0, MAX_LINE) + " …(cut)" : l);
      }
    }
    return out;
  }

  /**
   * Renders the newest lines of {@code lines} whose plain + HTML size stays under {@code budget}.
   */
  public static FormattedLog tail(List<String> lines, int budget) {
    var ansi = new AnsiLine();
    var rendered = new ArrayList<AnsiLine.Rendered>(lines.size());
    for (String l : lines) {
      rendered.add(ansi.render(l));
    }
    int used = 0;
    int from = rendered.size();
    while (from > 0) {
      var r = rendered.get(from - 1);
      int cost = wireBytes(r.plain()) + wireBytes(r.html()) + 4;
      if (used + cost > budget) {
        break;
      }
      used += cost;
      from--;
    }
    var plain = new StringBuilder();
    var html = new StringBuilder();
    for (int i = from; i < rendered.size(); i++) {
      plain.append(rendered.get(i).plain()).append('\n');
      html.append(rendered.get(i).html()).append('\n');
    }
    return new FormattedLog(
        plain.toString(), html.toString(), rendered.size() - from, lines.size());
  }

  /** The oldest lines of {@code lines} that fit {@code budget}; at least one line. */
  public static FormattedLog head(List<String> lines, int budget) {
    var ansi = new AnsiLine();
    var plain = new StringBuilder();
    var html = new StringBuilder();
    int used = 0;
    int n = 0;
    for (String l : lines) {
      var r = ansi.render(l);
      int cost = wireBytes(r.plain()) + wireBytes(r.html()) + 4;
      if (n > 0 && used + cost > budget) {
        break;
      }
      used += cost;
      n++;
      plain.append(r.plain()).append('\n');
      html.append(r.html()).append('\n');
    }
    return new FormattedLog(plain.toString(), html.toString(), n, lines.size());
  }

  /** The whole output as plain text, for a file attachment. */
  public static String plainText(List<String> lines) {
    var sb = new StringBuilder();
    for (String l : lines) {
      sb.append(AnsiLine.strip(l)).append('\n');
    }
    return sb.toString();
  }

  /** Size of {@code s} once JSON-encoded in UTF-8. */
  public static int wireBytes(String s) {
    int extra = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r') {
        extra += 1;
      } else if (c < 0x20) {
        extra += 5;
      }
    }
    return s.getBytes(StandardCharsets.UTF_8).length + extra;
  }
}
