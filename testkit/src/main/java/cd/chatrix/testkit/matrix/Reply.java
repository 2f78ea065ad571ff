package cd.chatrix.testkit.matrix;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An HTTP response produced by a handler. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static Reply json(JsonNode node) {
    return json(200, node);
  }

  static Reply json(int status, JsonNode node) {
    return new Reply(status, "application/json", Json.bytes(node), Map.of());
  }

  static Reply empty() {
    return json(Json.object());
  }

  Reply withHeader(String name, String value) {
    var copy = new java.util.LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, contentType, body, Map.copyOf(copy));
  }
}
