package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code m.login.password}, reusing the bot's device id. It asks for no refresh token: the bot
 * holds the password, so a new login on the same device is its renewal (see {@link LoginBodies}).
 */
public final class PasswordLogin {
  private final HttpTransport transport;
  private final Clock clock;

  public PasswordLogin(HttpTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  public Session login(String user, String password, Optional<String> deviceId, String deviceName) {
    ObjectNode body = LoginBodies.base("m.login.password", deviceId, deviceName, false);
    ObjectNode identifier = body.putObject("identifier");
    identifier.put("type", "m.id.user");
    identifier.put("user", user);
    body.put("password", password);
    return LoginResponses.login(transport, body, clock, "Password login for " + user);
  }
}
