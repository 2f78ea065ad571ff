package cd.chatrix.matrix.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A response as received: status, headers and the raw body. */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {

  public HttpResult {
    headers = Map.copyOf(headers);
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public JsonNode json() {
    return Json.parse(body);
  }

  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().getFirst())
        .findFirst();
  }

  /**
   * The Matrix error carried by a non-2xx response (an unknown body still gives a usable error).
   */
  public MatrixError error() {
    return MatrixError.from(status, body);
  }
}
