package cd.chatrix.matrix.auth;

import java.net.URI;
import java.util.List;

/**
 * Settings of the seed's OIDC client-credentials flow.
 *
 * @param issuer the provider's issuer URL (its {@code .well-known/openid-configuration} is read)
 * @param clientId the bot's client id
 * @param clientSecret the bot's client secret (sent with HTTP Basic auth)
 * @param scopes scopes to ask for; empty asks for the provider's defaults
 */
public record OidcClientCredentials(
    URI issuer, String clientId, String clientSecret, List<String> scopes) {
  public OidcClientCredentials {
    scopes = List.copyOf(scopes);
  }

  @Override
  public String toString() {
    return "OidcClientCredentials[" + issuer + " client " + clientId + "]";
  }
}
