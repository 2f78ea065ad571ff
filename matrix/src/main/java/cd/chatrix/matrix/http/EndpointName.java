package cd.chatrix.matrix.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The name of the endpoint a request went to, without its ids: {@code PUT
 * /_matrix/client/v3/rooms/{id}/send}. Outages are kept per endpoint, so one failing room or event
 * type does not give each of its siblings a warning of its own, and no id or query reaches a log.
 */
public final class EndpointName {
  /** Segments after which the rest of a path is ids and event types. */
  private static final Set<String> LAST =
      Set.of(
          "send",
          "state",
          "redact",
          "sendToDevice",
          "receipt",
          "typing",
          "filter",
          "join",
          "invite",
          "download",
          "thumbnail",
          "event",
          "relations");

  private EndpointName() {}

  public static String of(MatrixRequest request) {
    return request.method() + " " + of(request.target());
  }

  /** The templated path of {@code target} (an absolute URI or a path). */
  static String of(String target) {
    String path = target;
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (looksLikeId(segment)) {
        out.add("{id}");
        continue;
      }
      out.add(segment);
      if (LAST.contains(segment)) {
        break;
      }
    }
    return "/" + String.join("/", out);
  }

  /** Matrix ids and anything encoded or long enough to be generated, not a fixed path word. */
  private static boolean looksLikeId(String segment) {
    char first = segment.charAt(0);
    return first == '!'
        || first == '@'
        || first == '#'
        || first == '$'
        || segment.contains("%")
        || segment.contains(":")
        || segment.length() > 40;
  }
}
