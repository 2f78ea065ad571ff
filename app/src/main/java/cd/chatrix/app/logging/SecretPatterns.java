package cd.chatrix.app.logging;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Credential shapes that are redacted from every log line even when the value was never registered:
 * a token handed out by a login, a header logged by a library, a password in a URL. Each rule keeps
 * the label (so the line still says what was there) and replaces only the value.
 */
final class SecretPatterns {
  static final String MARK = "[REDACTED]";

  private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {}

  /** Characters a bare (unquoted) secret value is made of; stops at separators and brackets. */
  private static final String BARE = "[^\\s\"',;&\\[\\]{}()<>]+";

  private static final List<Rule> RULES =
      List.of(
          // PEM private keys (device or SSH keys pasted into a config).
          new Rule(
              Pattern.compile(
                  "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
              m -> MARK),
          // scheme://user:password@host
          new Rule(
              Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s/:@\\[\\]]+:)([^\\s/@]+)@"),
              m -> m.group(1) + MARK + "@"),
          // Authorization / Proxy-Authorization headers in any of the shapes libraries print them:
          // "Authorization: Bearer x", "authorization=[Bearer x]", "\"Authorization\":\"Basic x\"".
          // The scheme group is atomic, so an already redacted value is not taken for a credential.
          new Rule(
              Pattern.compile(
                  "(?i)(\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*\\[?\\s*[\"']?)"
                      + "(?>((?:bearer|basic|token|digest|negotiate|mxid)\\s+)?)("
                      + BARE
                      + ")"),
              m -> m.group(1) + (m.group(2) == null ? "" : m.group(2)) + MARK),
          // A bearer token anywhere else. Eight characters minimum keeps "the bearer of" intact,
          // and a word followed by a value ("Bearer expires_in=300") is a key, not a token.
          new Rule(
              Pattern.compile("\\b((?i:bearer)\\s+)[A-Za-z0-9\\-._~+/]{8,}+=*+(?![A-Za-z0-9:])"),
              m -> m.group(1) + MARK),
          // key=value, key: value, "key":"value", 'key': 'value' for any key naming a credential,
          // prefixed and camel-case forms included (access_token, accessToken, oidc_client_secret,
          // pickle_key, X-Api-Key, loginToken, password).
          new Rule(
              Pattern.compile(
                  "(?i)((?<![A-Za-z0-9])[\"']?[A-Za-z0-9_.-]*?"
                      + "(?:password|passwd|passphrase|secret|token|pickle[_-]?key|api[_-]?key"
                      + "|private[_-]?key|recovery[_-]?key|session[_-]?key|signing[_-]?key)"
                      + "[\"']?\\s*(?:=>|[:=])\\s*)"
                      + "(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|("
                      + BARE
                      + "))"),
              SecretPatterns::keyValue),
          // Matrix tokens by prefix: Synapse syt_/syr_, MAS mat_/mar_/mct_/mcr_.
          new Rule(Pattern.compile("\\b(?:sy[tr]|ma[tr]|mc[tr])_[A-Za-z0-9_\\-]{10,}"), m -> MARK),
          // JSON Web Tokens (OIDC id and access tokens).
          new Rule(
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
              m -> MARK));

  /**
   * Words that follow a key name in a sentence ("http.webhook_secret: is not set") rather than
   * being its value. A bare value equal to one of them is left alone; a real secret that happens to
   * be one of these words is still redacted through {@link SecretRegistry}.
   */
  private static final Set<String> PROSE =
      Set.of(
          "a",
          "an",
          "the",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "must",
          "should",
          "will",
          "would",
          "can",
          "cannot",
          "could",
          "may",
          "does",
          "did",
          "do",
          "not",
          "no",
          "has",
          "have",
          "had",
          "and",
          "or",
          "of",
          "for",
          "to",
          "in",
          "on",
          "at",
          "by",
          "with",
          "from",
          "set",
          "unset",
          "missing",
          "required",
          "empty",
          "none",
          "null",
          "invalid",
          "expired",
          "changed",
          "needed",
          "given",
          "ignored",
          "points",
          "uses",
          "needs",
          "refused",
          "rejected",
          "accepted",
          "also",
          "only",
          "still",
          "now",
          "when",
          "if",
          "because",
          "see");

  private SecretPatterns() {}

  static String redact(String text) {
    String result = text;
    for (Rule rule : RULES) {
      result = rule.pattern().matcher(result).replaceAll(m -> quote(rule.replacement().apply(m)));
    }
    return result;
  }

  private static String keyValue(MatchResult m) {
    String label = m.group(1);
    if (m.group(2) != null) {
      return m.group(2).isEmpty() ? m.group() : label + '"' + MARK + '"';
    }
    if (m.group(3) != null) {
      return m.group(3).isEmpty() ? m.group() : label + '\'' + MARK + '\'';
    }
    return PROSE.contains(m.group(4).toLowerCase(Locale.ROOT)) ? m.group() : label + MARK;
  }

  private static String quote(String replacement) {
    return java.util.regex.Matcher.quoteReplacement(replacement);
  }
}
