package cd.chatrix.bot.text;

import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Relation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a message as plain text and HTML side by side, so the two never drift and every value is
 * escaped exactly once on the way into HTML.
 */
public final class Reply {
  private final StringBuilder plain = new StringBuilder();
  private final StringBuilder html = new StringBuilder();
  private final Set<String> mentions = new LinkedHashSet<>();

  public static Reply create() {
    return new Reply();
  }

  public static Reply text(String s) {
    return new Reply().add(s);
  }

  public Reply add(String s) {
    plain.append(s);
    html.append(Html.escape(s));
    return this;
  }

  public Reply bold(String s) {
    plain.append(s);
    html.append("<strong>").append(Html.escape(s)).append("</strong>");
    return this;
  }

  public Reply code(String s) {
    plain.append('`').append(s).append('`');
    html.append("<code>").append(Html.escape(s)).append("</code>");
    return this;
  }

  public Reply color(String hex, String s) {
    plain.append(s);
    html.append("<font data-mx-color=\"")
        .append(hex)
        .append("\">")
        .append(Html.escape(s))
        .append("</font>");
    return this;
  }

  public Reply link(String url, String label) {
    plain.append(label.equals(url) ? url : label + " (" + url + ")");
    html.append("<a href=\"")
        .append(Html.escape(url))
        .append("\">")
        .append(Html.escape(label))
        .append("</a>");
    return this;
  }

  /** A user pill that also goes into {@code m.mentions}. */
  public Reply mention(String userId, String displayName) {
    mentions.add(userId);
    plain.append(displayName);
    html.append("<a href=\"https://matrix.to/#/")
        .append(Html.escape(userId))
        .append("\">")
        .append(Html.escape(displayName))
        .append("</a>");
    return this;
  }

  /** A user shown as a link but not notified (edits and listings). */
  public Reply user(String userId) {
    plain.append(userId);
    html.append("<a href=\"https://matrix.to/#/")
        .append(Html.escape(userId))
        .append("\">")
        .append(Html.escape(userId))
        .append("</a>");
    return this;
  }

  public Reply nl() {
    plain.append('\n');
    html.append("<br>\n");
    return this;
  }

  /** A bulleted list item on its own line. */
  public Reply item(String s) {
    return add("• ").add(s).nl();
  }

  /** Preformatted text; {@code htmlBody} must already be escaped. */
  public Reply pre(String plainBody, String htmlBody) {
    if (!plain.isEmpty() && plain.charAt(plain.length() - 1) != '\n') {
      plain.append('\n');
    }
    plain.append(plainBody);
    if (!plainBody.endsWith("\n")) {
      plain.append('\n');
    }
    html.append("<pre><code>").append(htmlBody).append("</code></pre>");
    return this;
  }

  public String plain() {
    return strip(plain.toString());
  }

  public String html() {
    String h = html.toString();
    while (h.endsWith("<br>\n")) {
      h = h.substring(0, h.length() - 5);
    }
    return h;
  }

  public List<String> mentions() {
    return new ArrayList<>(mentions);
  }

  public OutgoingMessage toMessage(Optional<Relation> relation) {
    return new OutgoingMessage(plain(), html(), relation, mentions());
  }

  private static String strip(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }
}
