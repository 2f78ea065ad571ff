package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code m.login.token}: the end of the SSO flow. The operator may paste the bare token or the
 * whole URL the browser was redirected to.
 */
public final class LoginTokenLogin {
  private final HttpTransport transport;
  private final Clock clock;

  public LoginTokenLogin(HttpTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  public Session login(String tokenOrRedirectUrl, Optional<String> deviceId, String deviceName) {
    ObjectNode body = LoginBodies.base("m.login.token", deviceId, deviceName, true);
    body.put("token", extractToken(tokenOrRedirectUrl));
    return LoginResponses.login(transport, body, clock, "SSO token login");
  }

  /** The {@code loginToken} query parameter of a pasted URL, or the pasted text itself. */
  public static String extractToken(String pasted) {
    String text = pasted.strip();
    if (!text.contains("://") && !text.contains("loginToken=")) {
      if (text.isEmpty()) {
        throw new LoginException("No login token was given; paste the token or the redirect URL.");
      }
      return text;
    }
    String query = text.contains("://") ? URI.create(text).getRawQuery() : text;
    if (query != null) {
      for (String pair : query.substring(query.indexOf('?') + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals("loginToken")) {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
    }
    throw new LoginException(
        "The pasted URL has no loginToken parameter; copy the address the browser shows after"
            + " signing in.");
  }
}
