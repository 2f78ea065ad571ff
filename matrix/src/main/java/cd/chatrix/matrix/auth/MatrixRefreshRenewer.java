package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.ReloginRequiredException;
import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Renews through {@code POST /_matrix/client/v3/refresh}; the refresh token is the credential. */
public final class MatrixRefreshRenewer implements TokenRenewer {
  private final HttpTransport transport;
  private final Clock clock;

  /** {@code transport} must not carry the auth layer (refresh is called from inside it). */
  public MatrixRefreshRenewer(HttpTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  @Override
  public Session renew(Session current) {
    String refreshToken =
        current
            .refreshToken()
            .orElseThrow(() -> new LoginException("This session has no refresh token."));
    MatrixRequest request =
        MatrixRequest.postJson("/_matrix/client/v3/refresh", Map.of("refresh_token", refreshToken))
            .unauthenticated();
    HttpResult result = transport.exchange(request);
    if (result.status() == 401 || result.status() == 403) {
      throw new ReloginRequiredException(request.toString(), result.error());
    }
    JsonNode body = HttpTransport.expectOk(request, result).json();
    return current.withTokens(
        body.path("access_token").asString(),
        LoginResponses.optionalText(body, "refresh_token"),
        LoginResponses.expiry(body, clock));
  }
}
