package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.time.Clock;
import java.util.Optional;

/**
 * Renews at an OAuth 2.0 token endpoint: the refresh-token grant when there is a refresh token,
 * otherwise (client credentials) a new client-credentials token.
 */
public final class OAuthRenewer implements TokenRenewer {
  private final HttpTransport provider;
  private final Optional<OidcClientCredentials> credentials;
  private final Clock clock;

  /**
   * @param credentials present for the confidential client-credentials flow
   */
  public OAuthRenewer(
      HttpTransport provider, Optional<OidcClientCredentials> credentials, Clock clock) {
    this.provider = provider;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public Session renew(Session current) {
    if (!(current.renewal() instanceof Renewal.OAuth oauth)) {
      throw new IllegalArgumentException("not an OAuth session: " + current);
    }
    TokenRequest request;
    if (current.refreshToken().isPresent()) {
      RefreshTokenGrant grant =
          new RefreshTokenGrant(new RefreshToken(current.refreshToken().get()));
      request =
          credentials
              .map(c ->
                  new TokenRequest.Builder(
                          oauth.tokenEndpoint(),
                          new ClientSecretBasic(
                              new ClientID(c.clientId()), new Secret(c.clientSecret())),
                          grant)
                      .build())
              .orElseGet(() ->
                  new TokenRequest.Builder(
                          oauth.tokenEndpoint(), new ClientID(oauth.clientId()), grant)
                      .build());
    } else if (credentials.isPresent()) {
      request = OidcClientCredentialsLogin.tokenRequest(oauth.tokenEndpoint(), credentials.get());
    } else {
      throw new LoginException("This OAuth session has no refresh token; log in again.");
    }
    try {
      OAuthTokens.Granted granted = OAuthTokens.request(provider, request, clock);
      return current.withTokens(granted.accessToken(), granted.refreshToken(), granted.expiresAt());
    } catch (OAuthTokens.Refused e) {
      // A provider that is down says so with an error code too; only a refusal ends the session.
      throw e.permanent() ? e.asRelogin() : e;
    }
  }
}
