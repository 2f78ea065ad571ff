package cd.chatrix.testkit.semaphore;

import java.util.Map;

/**
 * What a route answers. Every /api route but ping says application/json, even with an empty body.
 */
record SimResponse(int status, String contentType, String body, Map<String, String> headers) {

  static SimResponse json(int status, String body) {
    return new SimResponse(status, "application/json", body, Map.of());
  }

  static SimResponse empty(int status) {
    return json(status, "");
  }

  static SimResponse error(int status, String message) {
    return json(status, "{\"error\":\"" + message.replace("\"", "'") + "\"}");
  }

  static SimResponse notFoundText() {
    return new SimResponse(404, "text/plain; charset=utf-8", "Not Found\n", Map.of());
  }
}
