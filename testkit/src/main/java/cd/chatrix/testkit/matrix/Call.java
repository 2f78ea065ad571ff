package cd.chatrix.testkit.matrix;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** One incoming request after routing: path parameters, query, body and (when required) caller. */
final class Call {
  private final String method;
  private final String path;
  private final Map<String, String> params;
  private final Map<String, List<String>> query;
  private final Headers headers;
  private final byte[] body;
  private final Optional<Session> session;
  private ObjectNode json;

  Call(
      String method,
      String path,
      Map<String, String> params,
      Map<String, List<String>> query,
      Headers headers,
      byte[] body,
      Optional<Session> session) {
    this.method = method;
    this.path = path;
    this.params = params;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.session = session;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  String param(String name) {
    return params.getOrDefault(name, "");
  }

  Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  int queryInt(String name, int fallback) {
    try {
      return query(name).map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "'" + name + "' must be a whole number.");
    }
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.getFirst(name));
  }

  byte[] body() {
    return body;
  }

  ObjectNode json() {
    if (json == null) {
      json = Json.parseObject(body);
    }
    return json;
  }

  Session session() {
    return session.orElseThrow(
        () -> new MatrixError(401, "M_MISSING_TOKEN", "This endpoint needs an access token."));
  }

  String userId() {
    return session().userId();
  }
}
