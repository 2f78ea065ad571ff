package cd.chatrix.bot.fake;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code formatted_body} the bot wrote: every {@code <} opens or closes one of the tags
 * the bot itself uses ({@code strong}, {@code code}, {@code pre}, {@code br}, {@code font} with a
 * colour, {@code a} with an https link), tags nest, every {@code &} starts one of the entities
 * {@code Html.escape} writes, and no {@code >} stands alone. Anything else can only have come from
 * input that was not escaped.
 */
public final class HtmlCheck {
  private static final Pattern TAG =
      Pattern.compile(
          "<(strong|code|pre|br|/strong|/code|/pre|/font|/a)>"
              + "|<font data-mx-color=\"#[0-9a-f]{6}\">"
              + "|<a href=\"(https://[^\"<>]*)\">");
  private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#39);");

  private HtmlCheck() {}

  /** What is wrong with {@code html}, or empty when it is all the bot's own markup. */
  public static Optional<String> problem(String html) {
    var open = new ArrayDeque<String>();
    Matcher tag = TAG.matcher(html);
    Matcher entity = ENTITY.matcher(html);
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      if (c == '<') {
        if (!tag.region(i, html.length()).lookingAt()) {
          return Optional.of("a raw '<' at " + i + ": " + around(html, i));
        }
        String t = tag.group();
        String name = t.replaceAll("^</?([a-z]+).*$", "$1");
        if (t.startsWith("</")) {
          if (open.isEmpty() || !open.pop().equals(name)) {
            return Optional.of("</" + name + "> closes nothing open at " + i);
          }
        } else if (!name.equals("br")) {
          open.push(name);
        }
        i = tag.end() - 1;
      } else if (c == '&') {
        if (!entity.region(i, html.length()).lookingAt()) {
          return Optional.of("a raw '&' at " + i + ": " + around(html, i));
        }
        i = entity.end() - 1;
      } else if (c == '>') {
        return Optional.of("a raw '>' at " + i + ": " + around(html, i));
      }
    }
    return open.isEmpty()
        ? Optional.empty()
        : Optional.of("tags left open: " + String.join(", ", open));
  }

  private static String around(String s, int i) {
    return s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40));
  }
}
