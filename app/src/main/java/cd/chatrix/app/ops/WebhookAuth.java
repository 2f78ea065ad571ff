package cd.chatrix.app.ops;

import cd.chatrix.app.config.Secret;
import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the shared secret on {@code /hooks/semaphore}. Semaphore's alert URL ({@code slack_url}
 * and friends) is a plain URL: no custom header can be configured. Accepted, first match wins:
 *
 * <ol>
 *   <li>header {@code X-ChatrixCD-Secret: <secret>} (proxies, curl, tests);
 *   <li>{@code Authorization: Bearer <secret>};
 *   <li>{@code Authorization: Basic …} with the secret as the password and any user name. This is
 *       the recommended form for Semaphore: {@code
 *       https://chatrixcd:<secret>@bot:8088/hooks/semaphore} makes Go's HTTP client send the
 *       header, and Go strips the password from the URL in its error messages, so the secret stays
 *       out of Semaphore's task logs;
 *   <li>query parameter {@code ?secret=<secret>}, for senders that can do nothing else; a URL ends
 *       up in access logs and error messages, so this is the last resort.
 * </ol>
 *
 * <p>The comparison is on SHA-256 digests with {@link MessageDigest#isEqual}, so neither the
 * content nor the length of the secret can be learnt from response times.
 */
final class WebhookAuth {
  static final String SECRET_HEADER = "X-ChatrixCD-Secret";
  static final String SECRET_PARAMETER = "secret";

  private final byte[] expectedDigest;

  WebhookAuth(Secret secret) {
    if (!secret.isPresent()) {
      throw new IllegalArgumentException("the webhook needs a secret (http.webhook_secret)");
    }
    this.expectedDigest = digest(secret.reveal());
  }

  boolean accepts(Headers headers, String rawQuery) {
    Optional<String> presented = presented(headers, rawQuery);
    // Compare even when nothing was presented, so that case takes the same time.
    byte[] actual = digest(presented.orElse(""));
    return MessageDigest.isEqual(expectedDigest, actual) && presented.isPresent();
  }

  private static Optional<String> presented(Headers headers, String rawQuery) {
    String header = headers.getFirst(SECRET_HEADER);
    if (header != null && !header.isEmpty()) {
      return Optional.of(header.strip());
    }
    String authorization = headers.getFirst("Authorization");
    if (authorization != null) {
      String value = authorization.strip();
      int space = value.indexOf(' ');
      String scheme = space < 0 ? value : value.substring(0, space).toLowerCase(Locale.ROOT);
      String credentials = space < 0 ? "" : value.substring(space + 1).strip();
      if (scheme.equals("bearer") && !credentials.isEmpty()) {
        return Optional.of(credentials);
      }
      if (scheme.equals("basic")) {
        return basicPassword(credentials);
      }
    }
    return queryParameter(rawQuery);
  }

  private static Optional<String> basicPassword(String credentials) {
    try {
      String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return Optional.of(colon < 0 ? decoded : decoded.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> queryParameter(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Optional.empty();
    }
    for (String part : rawQuery.split("&")) {
      int equals = part.indexOf('=');
      if (equals > 0 && part.substring(0, equals).equals(SECRET_PARAMETER)) {
        try {
          return Optional.of(URLDecoder.decode(part.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
