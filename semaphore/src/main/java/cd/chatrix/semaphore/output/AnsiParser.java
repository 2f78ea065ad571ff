package cd.chatrix.semaphore.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses terminal output (Semaphore runs Ansible with forced colour) into {@link StyledSpan}s. SGR
 * sequences ({@code ESC[…m}) set the style; other CSI and OSC sequences are dropped. A carriage
 * return inside a line means the terminal overwrote it, so only the text after the last one is
 * kept. Style carries across calls of {@link #feed}, because a colour opened on one output row can
 * still apply on the next.
 */
public final class AnsiParser {
  private Optional<Color> fg = Optional.empty();
  private Optional<Color> bg = Optional.empty();
  private boolean bold;
  private boolean dim;
  private boolean italic;
  private boolean underline;
  private boolean inverse;

  /** Spans of one line, with escape codes interpreted and style kept for the next line. */
  public List<StyledSpan> feed(String line) {
    String text = overwrite(line);
    List<StyledSpan> out = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\u001b' && i + 1 < text.length()) {
        char kind = text.charAt(i + 1);
        if (kind == '[') {
          int end = i + 2;
          while (end < text.length() && (text.charAt(end) < 0x40 || text.charAt(end) > 0x7e)) {
            end++;
          }
          if (end >= text.length()) {
            break;
          }
          if (text.charAt(end) == 'm') {
            flush(run, out);
            sgr(text.substring(i + 2, end));
          }
          i = end + 1;
          continue;
        }
        if (kind == ']') {
          int bel = text.indexOf('\u0007', i);
          int st = text.indexOf("\u001b\\", i);
          int end =
              bel < 0
                  ? (st < 0 ? text.length() : st + 2)
                  : (st < 0 ? bel + 1 : Math.min(bel + 1, st + 2));
          i = end;
          continue;
        }
        i += 2;
        continue;
      }
      if (c >= 0x20 || c == '\t') {
        run.append(c);
      }
      i++;
    }
    flush(run, out);
    return out;
  }

  /** The line's text with every escape code removed. */
  public static String strip(String line) {
    StringBuilder sb = new StringBuilder();
    new AnsiParser().feed(line).forEach(s -> sb.append(s.text()));
    return sb.toString();
  }

  private static String overwrite(String line) {
    String trimmed = line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line;
    while (trimmed.endsWith("\r") || trimmed.endsWith("\n")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int cr = trimmed.lastIndexOf('\r');
    return cr < 0 ? trimmed : trimmed.substring(cr + 1);
  }

  private void flush(StringBuilder run, List<StyledSpan> out) {
    if (run.isEmpty()) {
      return;
    }
    out.add(new StyledSpan(run.toString(), fg, bg, bold, dim, italic, underline, inverse));
    run.setLength(0);
  }

  private void sgr(String params) {
    String[] parts = params.isEmpty() ? new String[] {"0"} : params.split("[;:]", -1);
    int[] codes = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        codes[k] = parts[k].isEmpty() ? 0 : Integer.parseInt(parts[k]);
      } catch (NumberFormatException e) {
        return;
      }
    }
    for (int k = 0; k < codes.length; k++) {
      int c = codes[k];
      switch (c) {
        case 0 -> reset();
        case 1 -> bold = true;
        case 2 -> dim = true;
        case 3 -> italic = true;
        case 4 -> underline = true;
        case 7 -> inverse = true;
        case 22 -> {
          bold = false;
          dim = false;
        }
        case 23 -> italic = false;
        case 24 -> underline = false;
        case 27 -> inverse = false;
        case 39 -> fg = Optional.empty();
        case 49 -> bg = Optional.empty();
        case 38, 48 -> {
          Optional<Color> color = Optional.empty();
          if (k + 2 < codes.length && codes[k + 1] == 5) {
            color = Optional.of(new Color.Palette(codes[k + 2] & 0xff));
            k += 2;
          } else if (k + 4 < codes.length && codes[k + 1] == 2) {
            color =
                Optional.of(
                    new Color.Rgb(codes[k + 2] & 0xff, codes[k + 3] & 0xff, codes[k + 4] & 0xff));
            k += 4;
          }
          if (c == 38) {
            fg = color;
          } else {
            bg = color;
          }
        }
        default -> {
          if (c >= 30 && c <= 37) {
            fg = Optional.of(new Color.Palette(c - 30));
          } else if (c >= 40 && c <= 47) {
            bg = Optional.of(new Color.Palette(c - 40));
          } else if (c >= 90 && c <= 97) {
            fg = Optional.of(new Color.Palette(c - 90 + 8));
          } else if (c >= 100 && c <= 107) {
            bg = Optional.of(new Color.Palette(c - 100 + 8));
          }
        }
      }
    }
  }

  private void reset() {
    fg = Optional.empty();
    bg = Optional.empty();
    bold = false;
    dim = false;
    italic = false;
    underline = false;
    inverse = false;
  }
}
