package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixException;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** The parts every {@code POST /login} body shares, and readable login failures. */
final class LoginBodies {
  private LoginBodies() {}

  /**
   * @param refreshable whether to ask for a refresh token: only logins that need a person to be
   *     repeated (SSO) do; a password bot logs in again instead, which a server cannot break by
   *     serving refresh under another path or with five-minute tokens (Synapse before 1.3 spec)
   */
  static ObjectNode base(
      String type, Optional<String> deviceId, String deviceName, boolean refreshable) {
    ObjectNode body = Json.object();
    body.put("type", type);
    deviceId.ifPresent(id -> body.put("device_id", id));
    body.put("initial_device_display_name", deviceName);
    if (refreshable) {
      body.put("refresh_token", true);
    }
    return body;
  }

  static LoginException explain(String what, MatrixException e) {
    String advice =
        switch (e.error().errcode()) {
          case "M_FORBIDDEN" -> "the server refused the credentials; check them";
          case "M_LIMIT_EXCEEDED" -> "the server rate-limits logins; wait and try again";
          case "M_USER_DEACTIVATED" -> "the account is deactivated";
          case "M_UNKNOWN_TOKEN" -> "the token is unknown or expired; get a new one";
          default -> "the server answered " + e.error().errcode();
        };
    return new LoginException(what + " failed: " + advice + ".", e);
  }
}
