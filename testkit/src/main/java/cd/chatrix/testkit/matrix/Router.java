package cd.chatrix.testkit.matrix;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths against route templates such as {@code client/rooms/{roomId}/send/{type}/
 * {txnId}}. The API version segment ({@code r0}, {@code v3}, {@code v1}, unstable) is not part of
 * the template; the {@link Dialect} says under which segments each route is served, and how a path
 * that nothing serves is answered.
 */
final class Router {
  /** Handles one routed call. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  /** How a route authenticates its caller. */
  enum Auth {
    NONE,
    REQUIRED
  }

  /** A route; {@code locked} handlers run under the server lock, long-polls take it themselves. */
  record Route(
      String method,
      String template,
      String[] segments,
      Auth auth,
      boolean locked,
      Handler handler) {}

  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();
  private final Dialect dialect;

  Router(Dialect dialect) {
    this.dialect = dialect;
  }

  void add(String method, String template, Auth auth, Handler handler) {
    routes.add(new Route(method, template, template.split("/", -1), auth, true, handler));
  }

  /** A route whose handler manages the server lock itself (it blocks while waiting). */
  void addUnlocked(String method, String template, Auth auth, Handler handler) {
    routes.add(new Route(method, template, template.split("/", -1), auth, false, handler));
  }

  void get(String template, Handler handler) {
    add("GET", template, Auth.REQUIRED, handler);
  }

  void post(String template, Handler handler) {
    add("POST", template, Auth.REQUIRED, handler);
  }

  void put(String template, Handler handler) {
    add("PUT", template, Auth.REQUIRED, handler);
  }

  void delete(String template, Handler handler) {
    add("DELETE", template, Auth.REQUIRED, handler);
  }

  /**
   * Finds the route for a request that the dialect serves under the request's version segment, or
   * throws the dialect's answer to an unknown endpoint ({@link Dialect#unrecognized}).
   */
  Match match(String method, String rawPath) {
    Optional<String[]> key = routingKey(rawPath);
    if (key.isEmpty()) {
      throw dialect.unrecognized(rawPath, false);
    }
    String[] segments = key.get();
    Optional<String> version = versionSegment(rawPath);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = bind(route.segments(), segments);
      if (params == null || !dialect.serves(route.template(), version)) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route, params);
      }
      pathKnown = true;
    }
    throw dialect.unrecognized(rawPath, pathKnown);
  }

  /**
   * The API version segment of {@code /_matrix/<api>/<version>/...} ({@code r0}, {@code v3}, {@code
   * v1}, {@code unstable}); empty for paths without one such as {@code /_matrix/client/versions}
   * and {@code /.well-known/matrix/client}.
   */
  static Optional<String> versionSegment(String rawPath) {
    String[] raw = rawPath.split("/", -1);
    return raw.length > 4 && raw[1].equals("_matrix") ? Optional.of(raw[3]) : Optional.empty();
  }

  private static Map<String, String> bind(String[] template, String[] segments) {
    if (template.length != segments.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String part = template[i];
      if (part.startsWith("{") && part.endsWith("}")) {
        params.put(part.substring(1, part.length() - 1), segments[i]);
      } else if (!part.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  /**
   * Turns {@code /_matrix/client/v3/rooms/x} into {@code [client, rooms, x]} and {@code
   * /_matrix/media/v3/upload} into {@code [media, upload]}; other paths keep their segments.
   */
  static Optional<String[]> routingKey(String rawPath) {
    String[] raw = rawPath.split("/", -1);
    List<String> out = new ArrayList<>();
    int start = 1;
    if (raw.length > 3 && raw[1].equals("_matrix")) {
      out.add(raw[2]);
      start = raw.length > 4 ? 4 : 3; // /_matrix/client/versions has no version segment
    }
    for (int i = start; i < raw.length; i++) {
      out.add(decode(raw[i]));
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out.toArray(String[]::new));
  }

  /** The path with its version segment replaced by a fixed one, for prefix matching. */
  static String canonical(String rawPath) {
    String[] raw = rawPath.split("/", -1);
    if (raw.length > 4 && raw[1].equals("_matrix")) {
      raw[3] = "v3";
    }
    return String.join("/", raw);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
