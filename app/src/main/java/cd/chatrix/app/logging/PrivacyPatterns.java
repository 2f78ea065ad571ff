package cd.chatrix.app.logging;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code -R} hides on top of secrets: Matrix user ids, room ids and aliases, IP addresses and
 * host names. These rules run on message text and exception messages, not on logger names or stack
 * frames, and they are deliberately narrow: a log where "config.json" or "12:30:45" got mangled is
 * a log nobody can use, so a bare dotted name only counts as a host when it ends in a real
 * top-level domain.
 */
final class PrivacyPatterns {
  static final String USER = "[USER_ID]";
  static final String ROOM = "[ROOM_ID]";
  static final String ALIAS = "[ROOM_ALIAS]";
  static final String IP = "[IP]";
  static final String HOST = "[HOST]";

  /** Server name of a Matrix id: DNS name, IPv4 or bracketed IPv6, optional port. */
  private static final String SERVER =
      "(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\\d{1,5})?";

  private static final String LOCALPART = "[A-Za-z0-9._=/+\\-]+";

  private static final Pattern URL_HOST =
      Pattern.compile(
          "(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/@?#]*@)?(\\[[0-9a-f:.%]+\\]|[^\\s/:?#\\[\\]@]+)");

  private static final Pattern USER_ID =
      Pattern.compile("(?<![A-Za-z0-9._=/+\\-])@" + LOCALPART + ":" + SERVER);

  // Room ids up to version 11 carry a server name; version 12 ids are "!" + 43 URL-safe Base64.
  private static final Pattern ROOM_ID =
      Pattern.compile(
          "(?<![A-Za-z0-9])!(?:"
              + LOCALPART
              + ":"
              + SERVER
              + "|[A-Za-z0-9_\\-]{43}(?![A-Za-z0-9_\\-]))");

  private static final Pattern ROOM_ALIAS =
      Pattern.compile("(?<![A-Za-z0-9&])#" + LOCALPART + ":" + SERVER);

  private static final Pattern IPV6_CANDIDATE =
      Pattern.compile(
          "(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\\.[0-9]{1,3}){0,3}"
              + "(?:%[A-Za-z0-9]+)?(?![0-9A-Za-z:])");

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 =
      Pattern.compile("(?<![0-9.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9]|\\.[0-9])");

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?<![A-Za-z0-9_./\\-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
              + "([A-Za-z]{2,63}))(?![A-Za-z0-9_\\-]|\\.[A-Za-z0-9])");

  /** Generic top-level domains common enough to be worth recognising in prose. */
  private static final Set<String> GENERIC_TLDS =
      Set.of(
          "com",
          "net",
          "org",
          "edu",
          "gov",
          "mil",
          "int",
          "info",
          "biz",
          "name",
          "pro",
          "io",
          "dev",
          "app",
          "cloud",
          "online",
          "site",
          "tech",
          "xyz",
          "top",
          "club",
          "shop",
          "live",
          "page",
          "link",
          "space",
          "host",
          "network",
          "systems",
          "tools",
          "chat",
          "social",
          "email",
          "im",
          "eu",
          "local",
          "lan",
          "internal",
          "home",
          "corp",
          "test",
          "example",
          "invalid",
          "arpa",
          "onion");

  /** Two-letter country domains that are far more often file extensions in a log line. */
  private static final Set<String> EXTENSION_LIKE =
      Set.of(
          "md", "py", "sh", "rs", "pl", "so", "cc", "ps", "cs", "hs", "mk", "sc", "gz", "js", "ts");

  /**
   * First labels of reversed domain names seen as Java packages and logger names (org.slf4j,
   * cd.chatrix, io.prometheus); a dotted name starting with one of these is code, not a host.
   */
  private static final Set<String> PACKAGE_ROOTS =
      Set.of(
          "com", "org", "net", "io", "cd", "ch", "de", "fr", "uk", "nl", "jp", "info", "edu", "gov",
          "tools", "java", "javax", "jdk", "sun", "jakarta", "kotlin", "scala", "groovy");

  private PrivacyPatterns() {}

  static String redact(String text) {
    String result = URL_HOST.matcher(text).replaceAll(PrivacyPatterns::urlHost);
    result = USER_ID.matcher(result).replaceAll(quote(USER));
    result = ROOM_ID.matcher(result).replaceAll(quote(ROOM));
    result = ROOM_ALIAS.matcher(result).replaceAll(quote(ALIAS));
    result =
        IPV6_CANDIDATE.matcher(result).replaceAll(m -> quote(isIpv6(m.group()) ? IP : m.group()));
    result = IPV4.matcher(result).replaceAll(quote(IP));
    return HOSTNAME.matcher(result).replaceAll(m -> quote(isHostname(m) ? HOST : m.group()));
  }

  private static String urlHost(MatchResult m) {
    String userInfo = m.group(2) == null ? "" : m.group(2);
    return quote(m.group(1) + userInfo + HOST);
  }

  private static boolean isIpv6(String candidate) {
    if (!candidate.matches(".*[0-9A-Fa-f].*")) {
      return false;
    }
    int zone = candidate.indexOf('%');
    String address = zone < 0 ? candidate : candidate.substring(0, zone);
    try {
      // ofLiteral parses without any DNS lookup, unlike getByName. IPv4-mapped forms come back as
      // Inet4Address, which is still an address to hide.
      InetAddress.ofLiteral(address);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isHostname(MatchResult m) {
    String name = m.group(1);
    String tld = m.group(2).toLowerCase(Locale.ROOT);
    if (!isTld(tld)) {
      return false;
    }
    // Reversed domain names are Java packages and logger names (org.slf4j, cd.chatrix.app).
    String first = name.substring(0, name.indexOf('.')).toLowerCase(Locale.ROOT);
    return !PACKAGE_ROOTS.contains(first);
  }

  private static boolean isTld(String label) {
    if (label.length() == 2) {
      return !EXTENSION_LIKE.contains(label);
    }
    return GENERIC_TLDS.contains(label);
  }

  private static String quote(String replacement) {
    return Matcher.quoteReplacement(replacement);
  }
}
