package cd.chatrix.bot.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line like a POSIX shell: whitespace separates words, single quotes keep text
 * literally, double quotes allow backslash escapes, and quotes may sit inside a word ({@code
 * --args='-e "x=1 y=2"'} is one word). An unclosed quote is an error rather than a guess.
 */
public final class Tokenizer {
  private Tokenizer() {}

  public static List<String> split(String line) {
    var words = new ArrayList<String>();
    var cur = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new UsageException("There is an opening ' without its closing '.");
        }
        cur.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < line.length()) {
          char d = line.charAt(i);
          if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            cur.append(line.charAt(i + 1));
            i += 2;
          } else if (d == '"') {
            closed = true;
            i++;
            break;
          } else {
            cur.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new UsageException("There is an opening \" without its closing \".");
        }
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        cur.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }

  /** The raw text after the first {@code n} words, quotes kept as typed. */
  public static String afterWords(String raw, int n) {
    String rest = raw.strip();
    for (int i = 0; i < n && !rest.isEmpty(); i++) {
      int sp = 0;
      while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) sp++;
      rest = rest.substring(sp).strip();
    }
    return rest;
  }
}
