package cd.chatrix.app.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs text before it is shown or written. {@link #redactSecrets} removes registered secrets
 * ({@link SecretRegistry}) and credential shapes ({@code Bearer …}, {@code Authorization:}, {@code
 * access_token=…}, Matrix tokens); it is applied to everything, always. {@link #redact} also
 * removes user ids, room ids, IP addresses and host names when this redactor was built with
 * identifiers on ({@code -R}).
 *
 * <p>Other parts of the app (showing the configuration, chat replies under {@code -R}) can use the
 * same instance so that what is hidden stays consistent.
 */
public final class Redactor {
  private static final Redactor SECRETS_ONLY = new Redactor(false);
  private static final Redactor WITH_IDENTIFIERS = new Redactor(true);

  private static final Pattern MARKS =
      Pattern.compile("\\[(?:REDACTED|USER_ID|ROOM_ID|ROOM_ALIAS|IP|HOST)\\]");
  private static final String PINK = "\u001b[95m";
  private static final String RESET = "\u001b[0m";

  private final boolean identifiers;

  private Redactor(boolean identifiers) {
    this.identifiers = identifiers;
  }

  /** A redactor for secrets, plus identifiers when {@code identifiers} is true. */
  public static Redactor of(boolean identifiers) {
    return identifiers ? WITH_IDENTIFIERS : SECRETS_ONLY;
  }

  public boolean redactsIdentifiers() {
    return identifiers;
  }

  /** Secrets, and identifiers if enabled. */
  public String redact(String text) {
    String result = redactSecrets(text);
    return identifiers ? PrivacyPatterns.redact(result) : result;
  }

  /** Secrets only: registered values and credential shapes. */
  public String redactSecrets(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    return SecretPatterns.redact(SecretRegistry.redact(text, SecretPatterns.MARK));
  }

  /** Highlights the redaction marks of already redacted text for a colour terminal. */
  static String colourMarks(String redacted) {
    return MARKS
        .matcher(redacted)
        .replaceAll(m -> Matcher.quoteReplacement(PINK + m.group() + RESET));
  }
}
