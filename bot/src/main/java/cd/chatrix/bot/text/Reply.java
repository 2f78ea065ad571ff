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
 *
 * <p>A reply is kept as the pieces it was built from, each one complete HTML on its own. That lets
 * {@link #fitted} shorten a reply that would be too large for one event at a piece boundary (or
 * inside a piece of text, re-rendered), so the HTML it sends is never cut inside a tag or entity.
 * Lone surrogates (a hostile client can send them) are replaced on the way in: no event can carry
 * them.
 */
public final class Reply {
  /** Ends a reply that had to be shortened to fit an event. */
  static final String CUT_NOTE = " … (cut here: the rest was too long for one message)";

  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder plain = new StringBuilder();
  private final StringBuilder html = new StringBuilder();
  private final Set<String> mentions = new LinkedHashSet<>();

  /** How a piece renders; text pieces can be re-rendered from a shorter text, atoms cannot. */
  private enum Kind {
    TEXT,
    BOLD,
    CODE,
    COLOR,
    PRE,
    ATOM,
    MENTION
  }

  /**
   * One piece as appended.
   *
   * @param text the raw text (for a mention: the user id)
   * @param attr the colour of a COLOR piece
   */
  private record Part(Kind kind, String text, String attr, String plain, String html) {
    int wireBytes() {
      return LogFormatter.wireBytes(plain) + LogFormatter.wireBytes(html);
    }
  }

  public static Reply create() {
    return new Reply();
  }

  public static Reply text(String s) {
    return new Reply().add(s);
  }

  public Reply add(String s) {
    return textPart(Kind.TEXT, s, "");
  }

  public Reply bold(String s) {
    return textPart(Kind.BOLD, s, "");
  }

  public Reply code(String s) {
    return textPart(Kind.CODE, s, "");
  }

  public Reply color(String hex, String s) {
    return textPart(Kind.COLOR, s, hex);
  }

  public Reply link(String url, String label) {
    String u = Echo.wellFormedCopy(url);
    String l = Echo.wellFormedCopy(label);
    return append(
        new Part(
            Kind.ATOM,
            l,
            "",
            l.equals(u) ? u : l + " (" + u + ")",
            "<a href=\"" + Html.escape(u) + "\">" + Html.escape(l) + "</a>"));
  }

  /** A user pill that also goes into {@code m.mentions}. */
  public Reply mention(String userId, String displayName) {
    String id = Echo.wellFormedCopy(userId);
    String name = Echo.wellFormedCopy(displayName);
    mentions.add(id);
    return append(new Part(Kind.MENTION, id, "", name, pill(id, name)));
  }

  /** A user shown as a link but not notified (edits and listings). */
  public Reply user(String userId) {
    String id = Echo.wellFormedCopy(userId);
    return append(new Part(Kind.ATOM, id, "", id, pill(id, id)));
  }

  public Reply nl() {
    return append(new Part(Kind.ATOM, "\n", "", "\n", "<br>\n"));
  }

  /** A bulleted list item on its own line. */
  public Reply item(String s) {
    return add("• ").add(s).nl();
  }

  /** Preformatted text; {@code htmlBody} must already be escaped. */
  public Reply pre(String plainBody, String htmlBody) {
    String body = Echo.wellFormedCopy(plainBody);
    return append(
        new Part(
            Kind.PRE,
            body,
            "",
            prePlain(body, endsWithNewline()),
            "<pre><code>" + Echo.wellFormedCopy(htmlBody) + "</code></pre>"));
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

  /** Size of body plus formatted_body once JSON-encoded, as {@link LogFormatter} counts it. */
  public int wireBytes() {
    return LogFormatter.wireBytes(plain.toString()) + LogFormatter.wireBytes(html.toString());
  }

  /**
   * This reply when it fits {@code budget} bytes (body plus formatted_body, as {@link #wireBytes}
   * counts); otherwise as much of it as fits, then a note that the rest was cut. A piece of text
   * that does not fit whole is cut inside (by characters, with "…"); a link or a user pill is kept
   * whole or left out. Mentions whose pill was left out are dropped too.
   */
  public Reply fitted(int budget) {
    if (wireBytes() <= budget) {
      return this;
    }
    var out = new Reply();
    int room = budget - new Reply().add(CUT_NOTE).wireBytes();
    int used = 0;
    for (Part p : parts) {
      int cost = p.wireBytes();
      if (used + cost <= room) {
        out.append(p);
        if (p.kind() == Kind.MENTION) {
          out.mentions.add(p.text());
        }
        used += cost;
        continue;
      }
      cutToFit(p, room - used, out.endsWithNewline()).ifPresent(out::append);
      break;
    }
    return out.add(CUT_NOTE);
  }

  /** The longest front part of {@code p}'s text that still fits {@code room} bytes. */
  private static Optional<Part> cutToFit(Part p, int room, boolean afterNewline) {
    if (p.kind() == Kind.ATOM || p.kind() == Kind.MENTION || room <= 0) {
      return Optional.empty();
    }
    String t = p.text();
    int lo = 0;
    int hi = t.codePointCount(0, t.length());
    Part best = null;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      Part candidate = render(p, t.substring(0, t.offsetByCodePoints(0, mid)) + "…", afterNewline);
      if (candidate.wireBytes() <= room) {
        best = candidate;
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code p}'s kind of piece, rendered from {@code text}. */
  private static Part render(Part p, String text, boolean afterNewline) {
    return switch (p.kind()) {
      case TEXT -> new Part(Kind.TEXT, text, "", text, Html.escape(text));
      case BOLD ->
          new Part(Kind.BOLD, text, "", text, "<strong>" + Html.escape(text) + "</strong>");
      case CODE ->
          new Part(Kind.CODE, text, "", "`" + text + "`", "<code>" + Html.escape(text) + "</code>");
      case COLOR ->
          new Part(
              Kind.COLOR,
              text,
              p.attr(),
              text,
              "<font data-mx-color=\"" + p.attr() + "\">" + Html.escape(text) + "</font>");
      case PRE ->
          new Part(
              Kind.PRE,
              text,
              "",
              prePlain(text, afterNewline),
              "<pre><code>" + Html.escape(text) + "</code></pre>");
      case ATOM, MENTION -> p;
    };
  }

  private Reply textPart(Kind kind, String s, String attr) {
    return append(
        render(new Part(kind, "", attr, "", ""), Echo.wellFormedCopy(s), endsWithNewline()));
  }

  private Reply append(Part p) {
    parts.add(p);
    plain.append(p.plain());
    html.append(p.html());
    return this;
  }

  private boolean endsWithNewline() {
    return plain.isEmpty() || plain.charAt(plain.length() - 1) == '\n';
  }

  private static String prePlain(String body, boolean afterNewline) {
    return (afterNewline ? "" : "\n") + body + (body.endsWith("\n") ? "" : "\n");
  }

  private static String pill(String userId, String label) {
    return "<a href=\"https://matrix.to/#/"
        + Html.escape(userId)
        + "\">"
        + Html.escape(label)
        + "</a>";
  }

  private static String strip(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }
}
