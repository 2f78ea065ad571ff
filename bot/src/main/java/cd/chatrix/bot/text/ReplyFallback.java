package cd.chatrix.bot.text;

/**
 * Removes the quote that clients put before a reply's own text, for clients that cannot show
 * replies (the Matrix spec's "rich replies" fallback, no longer sent since spec v1.13 but still
 * common). The spec's rule for {@code body}: drop the leading lines that start with {@code "> "}
 * (the space included) and stop at the first line that does not; the fallback format parts the
 * quote from the reply with one empty line, which goes too.
 *
 * <p>Only the body is read for commands, so only the body is stripped; in {@code formatted_body}
 * the spec's rule would be to drop the whole {@code <mx-reply>} element.
 */
public final class ReplyFallback {
  private static final String PREFIX = "> ";

  private ReplyFallback() {}

  /** {@code body} of a reply without its fallback quote; anything else comes back as it was. */
  public static String strip(String body) {
    int at = 0;
    while (body.startsWith(PREFIX, at)) {
      int end = body.indexOf('\n', at);
      if (end < 0) {
        return "";
      }
      at = end + 1;
    }
    if (at > 0 && body.startsWith("\n", at)) {
      at++;
    }
    return body.substring(at);
  }
}
