package cd.chatrix.testkit.matrix;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request the homeserver received, kept for assertions. The Authorization header value is
 * replaced by {@code <redacted>}, and password or token fields in the body are masked, so a
 * recorded request never carries a secret.
 *
 * @param method HTTP method
 * @param path raw request path, as sent (still percent-encoded)
 * @param query raw query string, or empty (an {@code access_token} parameter is masked)
 * @param headers request headers, names as the JDK server reports them
 * @param body request body as UTF-8 text with secret fields masked
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    Instant receivedAt) {

  /** The path with its version segment ({@code r0}, {@code v1}, ...) normalised to {@code v3}. */
  public String canonicalPath() {
    return Router.canonical(path);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
