package cd.chatrix.matrix.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the homeserver (or an identity provider). Immutable; layers derive changed copies.
 *
 * @param method HTTP method
 * @param target absolute URI, or a path beginning with {@code /} resolved against the base URI
 * @param query query parameters (encoded when the request is sent)
 * @param body request body; empty means none
 * @param contentType body media type
 * @param headers extra headers (Authorization is added by the auth layer, never here by callers)
 * @param authenticated whether the access token must be attached
 * @param retrySafe whether repeating the request cannot change the result (GET, PUT with a txn id)
 * @param timeout how long to wait for the response
 */
public record MatrixRequest(
    String method,
    String target,
    Map<String, String> query,
    byte[] body,
    String contentType,
    Map<String, String> headers,
    boolean authenticated,
    boolean retrySafe,
    Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public MatrixRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  public static MatrixRequest get(String target) {
    return new MatrixRequest(
        "GET", target, Map.of(), new byte[0], "", Map.of(), true, true, DEFAULT_TIMEOUT);
  }

  public static MatrixRequest postJson(String target, Object body) {
    return withBody("POST", target, Json.bytes(body), "application/json", false);
  }

  /**
   * A PUT whose path carries a transaction id: the server de-duplicates it, so retrying is safe.
   */
  public static MatrixRequest putJson(String target, Object body) {
    return withBody("PUT", target, Json.bytes(body), "application/json", true);
  }

  public static MatrixRequest postBytes(String target, byte[] body, String contentType) {
    return withBody("POST", target, body, contentType, false);
  }

  private static MatrixRequest withBody(
      String method, String target, byte[] body, String contentType, boolean retrySafe) {
    return new MatrixRequest(
        method, target, Map.of(), body, contentType, Map.of(), true, retrySafe, DEFAULT_TIMEOUT);
  }

  public MatrixRequest withQuery(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(query);
    copy.put(name, value);
    return new MatrixRequest(
        method, target, copy, body, contentType, headers, authenticated, retrySafe, timeout);
  }

  public MatrixRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new MatrixRequest(
        method, target, query, body, contentType, copy, authenticated, retrySafe, timeout);
  }

  public MatrixRequest unauthenticated() {
    return new MatrixRequest(
        method, target, query, body, contentType, headers, false, retrySafe, timeout);
  }

  public MatrixRequest retrySafe(boolean safe) {
    return new MatrixRequest(
        method, target, query, body, contentType, headers, authenticated, safe, timeout);
  }

  public MatrixRequest withTimeout(Duration newTimeout) {
    return new MatrixRequest(
        method, target, query, body, contentType, headers, authenticated, retrySafe, newTimeout);
  }

  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The full URI of this request against {@code base}. */
  public URI resolve(URI base) {
    StringBuilder uri = new StringBuilder();
    if (target.startsWith("/")) {
      String root = base.toString();
      uri.append(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    }
    uri.append(target);
    String separator = target.contains("?") ? "&" : "?";
    for (Map.Entry<String, String> e : query.entrySet()) {
      uri.append(separator)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      separator = "&";
    }
    return URI.create(uri.toString());
  }

  /** Percent-encodes one path segment (room ids, event ids and user ids contain reserved signs). */
  public static String segment(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return method + " " + target;
  }
}
