package cd.chatrix.matrix.http;

import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The standard error body of the client-server API.
 *
 * @param status HTTP status
 * @param errcode e.g. {@code M_LIMIT_EXCEEDED}, {@code M_UNKNOWN_TOKEN}; {@code M_UNKNOWN} if
 *     absent
 * @param error human-readable text from the server
 * @param softLogout true when the session can be resumed by a refresh or a re-login on the same
 *     device
 * @param retryAfterMs how long the server asks us to wait
 */
public record MatrixError(
    int status, String errcode, String error, boolean softLogout, OptionalLong retryAfterMs) {

  public static MatrixError from(int status, byte[] body) {
    try {
      JsonNode json = Json.parse(body);
      String errcode = Json.text(json, "errcode");
      long retry = json.path("retry_after_ms").asLong(-1);
      return new MatrixError(
          status,
          errcode.isEmpty() ? "M_UNKNOWN" : errcode,
          Json.text(json, "error"),
          json.path("soft_logout").asBoolean(false),
          retry >= 0 ? OptionalLong.of(retry) : OptionalLong.empty());
    } catch (JacksonException notJson) {
      return new MatrixError(status, "M_UNKNOWN", "", false, OptionalLong.empty());
    }
  }

  public boolean is(String code) {
    return errcode.equals(code);
  }

  public Optional<String> message() {
    return error.isBlank() ? Optional.empty() : Optional.of(error);
  }
}
