package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.ReloginRequiredException;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Sends one token request and reads the answer; errors keep the OAuth error code. */
final class OAuthTokens {
  /** A successful token answer. */
  record Granted(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt) {
    @Override
    public String toString() {
      return "Granted[tokens hidden]";
    }
  }

  /** The token endpoint said no; {@code code} is e.g. {@code invalid_grant}. */
  static final class Refused extends RuntimeException {
    private final String code;

    Refused(String code, String description) {
      super("The identity provider refused the token request: " + code + " " + description);
      this.code = code;
    }

    String code() {
      return code;
    }

    /**
     * Whether asking again cannot help (RFC 6749 section 5.2): the grant or the client is refused;
     * {@code server_error} and {@code temporarily_unavailable} pass.
     */
    boolean permanent() {
      return switch (code) {
        case "invalid_grant",
            "invalid_client",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "access_denied" ->
            true;
        default -> false;
      };
    }

    ReloginRequiredException asRelogin() {
      return new ReloginRequiredException(
          "token request",
          new MatrixError(401, "M_UNKNOWN_TOKEN", getMessage(), false, OptionalLong.empty()));
    }
  }

  private OAuthTokens() {}

  static Granted request(HttpTransport transport, TokenRequest request, Clock clock) {
    TokenResponse response;
    try {
      response = TokenResponse.parse(NimbusHttp.send(transport, request.toHTTPRequest()));
    } catch (ParseException e) {
      throw new LoginException("The identity provider's token answer could not be read.", e);
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      String code = error.getCode() == null ? "unknown_error" : error.getCode();
      throw new Refused(code, error.getDescription() == null ? "" : error.getDescription());
    }
    AccessTokenResponse ok = response.toSuccessResponse();
    Tokens tokens = ok.getTokens();
    long lifetime = tokens.getAccessToken().getLifetime();
    return new Granted(
        tokens.getAccessToken().getValue(),
        Optional.ofNullable(tokens.getRefreshToken()).map(r -> r.getValue()),
        lifetime > 0 ? Optional.of(clock.instant().plusSeconds(lifetime)) : Optional.empty());
  }
}
