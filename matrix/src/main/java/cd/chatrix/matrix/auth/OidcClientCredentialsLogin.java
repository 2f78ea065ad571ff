package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The seed's OIDC flow: discover the provider, get a token with the client-credentials grant (id
 * and secret in HTTP Basic auth), and use it as the Matrix access token. Whoami tells which user
 * and device the token stands for.
 */
public final class OidcClientCredentialsLogin {
  private final HttpTransport provider;
  private final HttpTransport homeserver;
  private final Clock clock;

  /**
   * @param provider an unauthenticated transport used for the provider's absolute URLs
   * @param homeserver an unauthenticated transport to the homeserver
   */
  public OidcClientCredentialsLogin(HttpTransport provider, HttpTransport homeserver, Clock clock) {
    this.provider = provider;
    this.homeserver = homeserver;
    this.clock = clock;
  }

  public Session login(OidcClientCredentials configured, Optional<String> fallbackDeviceId) {
    OidcClientCredentials settings = withDeviceScope(configured, fallbackDeviceId);
    URI tokenEndpoint = discoverTokenEndpoint(settings.issuer());
    OAuthTokens.Granted granted;
    try {
      granted = OAuthTokens.request(provider, tokenRequest(tokenEndpoint, settings), clock);
    } catch (OAuthTokens.Refused e) {
      throw new LoginException(
          "The identity provider refused the client credentials ("
              + e.code()
              + "). Check the OIDC client id and secret.",
          e);
    }
    WhoAmI.Identity identity;
    try {
      identity = WhoAmI.ask(homeserver, granted.accessToken());
    } catch (MatrixException e) {
      throw new LoginException(
          "The homeserver does not accept the identity provider's token ("
              + e.error().errcode()
              + "). Is the homeserver configured to trust this provider?",
          e);
    }
    return new Session(
        homeserver.baseUri(),
        identity.userId(),
        identity.deviceId().or(() -> fallbackDeviceId).orElse("CHATRIXCD"),
        granted.accessToken(),
        granted.refreshToken(),
        granted.expiresAt(),
        new Renewal.OAuth(tokenEndpoint, settings.clientId(), true));
  }

  /**
   * A delegated-auth homeserver takes the device from a {@code urn:matrix:client:device:} scope;
   * adding the known device keeps the bot one device across logins.
   */
  static OidcClientCredentials withDeviceScope(OidcClientCredentials s, Optional<String> deviceId) {
    boolean matrixApi = s.scopes().stream().anyMatch(x -> x.startsWith("urn:matrix:client:api:"));
    boolean hasDevice =
        s.scopes().stream().anyMatch(x -> x.startsWith("urn:matrix:client:device:"));
    if (!matrixApi || hasDevice || deviceId.isEmpty()) {
      return s;
    }
    java.util.List<String> scopes = new java.util.ArrayList<>(s.scopes());
    scopes.add("urn:matrix:client:device:" + deviceId.get());
    return new OidcClientCredentials(s.issuer(), s.clientId(), s.clientSecret(), scopes);
  }

  static TokenRequest tokenRequest(URI tokenEndpoint, OidcClientCredentials settings) {
    TokenRequest.Builder builder =
        new TokenRequest.Builder(
            tokenEndpoint,
            new ClientSecretBasic(
                new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
            new ClientCredentialsGrant());
    if (!settings.scopes().isEmpty()) {
      builder.scope(new Scope(settings.scopes().toArray(String[]::new)));
    }
    return builder.build();
  }

  private URI discoverTokenEndpoint(URI issuer) {
    IdentityProviderUris.requireSecure(issuer, "OIDC issuer");
    String base = issuer.toString().replaceAll("/$", "");
    MatrixRequest request =
        MatrixRequest.get(base + "/.well-known/openid-configuration").unauthenticated();
    AuthorizationServerMetadata metadata;
    try {
      String json =
          new String(
              HttpTransport.expectOk(request, provider.exchange(request)).body(),
              StandardCharsets.UTF_8);
      metadata = AuthorizationServerMetadata.parse(json);
    } catch (MatrixException | ParseException e) {
      throw new LoginException(
          "Could not read the OIDC discovery document of " + issuer + ". Check the issuer URL.", e);
    }
    if (!metadata.getIssuer().getValue().replaceAll("/$", "").equals(base)) {
      throw new LoginException(
          "The OIDC provider calls itself "
              + metadata.getIssuer()
              + ", not "
              + issuer
              + "; refusing a mismatched issuer.");
    }
    if (metadata.getTokenEndpointURI() == null) {
      throw new LoginException("The OIDC provider " + issuer + " publishes no token endpoint.");
    }
    return IdentityProviderUris.requireSecure(metadata.getTokenEndpointURI(), "token endpoint");
  }
}
