package cd.chatrix.bot.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns terminal output into plain text and Matrix HTML one line at a time. Colour and bold carry
 * from line to line (as on a terminal), but every line closes its own tags so the HTML nests.
 */
public final class AnsiLine {
  private static final Pattern ESCAPE =
      Pattern.compile(
          "\u001B\\[([0-9;?]*)([A-Za-z])|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|\u001B.");

  private static final Map<Integer, String> PALETTE =
      Map.ofEntries(
          Map.entry(30, "#000000"),
          Map.entry(31, "#cc0000"),
          Map.entry(32, "#4e9a06"),
          Map.entry(33, "#c4a000"),
          Map.entry(34, "#3465a4"),
          Map.entry(35, "#75507b"),
          Map.entry(36, "#06989a"),
          Map.entry(37, "#d3d7cf"),
          Map.entry(90, "#555753"),
          Map.entry(91, "#ef2929"),
          Map.entry(92, "#8ae234"),
          Map.entry(93, "#fce94f"),
          Map.entry(94, "#729fcf"),
          Map.entry(95, "#ad7fa8"),
          Map.entry(96, "#34e2e2"),
          Map.entry(97, "#eeeeec"));

  private String color = null;
  private boolean bold = false;

  /** A line with its plain and HTML forms. */
  public record Rendered(String plain, String html) {}

  /** Plain text of a line: escapes removed, and only what follows the last carriage return. */
  public static String strip(String line) {
    return lastSegment(ESCAPE.matcher(line).replaceAll(""));
  }

  private static String lastSegment(String s) {
    String t = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    int cr = t.lastIndexOf('\r');
    return cr >= 0 ? t.substring(cr + 1) : t;
  }

  public Rendered render(String rawLine) {
    String line = rawLine;
    String t = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    int cr = t.lastIndexOf('\r');
    if (cr >= 0) {
      // Progress bars redraw the line; keep the state changes before the redraw, show the last
      // text.
      applyAll(t.substring(0, cr));
      t = t.substring(cr + 1);
    }
    var plain = new StringBuilder();
    var html = new StringBuilder(open());
    Matcher m = ESCAPE.matcher(t);
    int pos = 0;
    while (m.find()) {
      String text = t.substring(pos, m.start());
      plain.append(text);
      html.append(Html.escape(text));
      if (m.group(2) != null && m.group(2).equals("m")) {
        html.append(close());
        apply(m.group(1));
        html.append(open());
      }
      pos = m.end();
    }
    String rest = t.substring(pos);
    plain.append(rest);
    html.append(Html.escape(rest)).append(close());
    return new Rendered(plain.toString(), html.toString().replace("<strong></strong>", ""));
  }

  private void applyAll(String s) {
    Matcher m = ESCAPE.matcher(s);
    while (m.find()) {
      if ("m".equals(m.group(2))) {
        apply(m.group(1));
      }
    }
  }

  private void apply(String params) {
    if (params.isEmpty()) {
      color = null;
      bold = false;
      return;
    }
    for (String p : params.split(";")) {
      int code;
      try {
        code = p.isEmpty() ? 0 : Integer.parseInt(p);
      } catch (NumberFormatException e) {
        continue;
      }
      if (code == 0) {
        color = null;
        bold = false;
      } else if (code == 1) {
        bold = true;
      } else if (code == 22) {
        bold = false;
      } else if (code == 39) {
        color = null;
      } else if (PALETTE.containsKey(code)) {
        color = PALETTE.get(code);
      }
    }
  }

  private String open() {
    var s = new StringBuilder();
    if (color != null) {
      s.append("<font data-mx-color=\"").append(color).append("\">");
    }
    if (bold) {
      s.append("<strong>");
    }
    return s.toString();
  }

  private String close() {
    var s = new StringBuilder();
    if (bold) {
      s.append("</strong>");
    }
    if (color != null) {
      s.append("</font>");
    }
    return s.toString();
  }
}
