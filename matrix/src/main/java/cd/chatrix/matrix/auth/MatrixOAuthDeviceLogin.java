package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.Sleeper;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Matrix OAuth 2.0 API for a headless bot: read {@code auth_metadata}, register as a public
 * client (RFC 7591) unless already registered, then the device authorization grant (RFC 8628): the
 * operator approves in a browser while the bot polls the token endpoint.
 */
public final class MatrixOAuthDeviceLogin {
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  /** What the bot tells the server about itself when registering. */
  public record ClientMetadata(String clientName, URI clientUri) {}

  private final HttpTransport homeserver;
  private final HttpTransport provider;
  private final Clock clock;
  private final Sleeper sleeper;

  public MatrixOAuthDeviceLogin(
      HttpTransport homeserver, HttpTransport provider, Clock clock, Sleeper sleeper) {
    this.homeserver = homeserver;
    this.provider = provider;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @param registeredClientId a client id from an earlier registration, to avoid registering again
   * @param deviceId the bot's device id if it has one; a new one is made up otherwise
   */
  public Session login(
      ClientMetadata client,
      Optional<String> registeredClientId,
      Optional<String> deviceId,
      DeviceCodePrompt prompt) {
    AuthorizationServerMetadata metadata = authMetadata();
    URI tokenEndpoint =
        IdentityProviderUris.requireSecure(metadata.getTokenEndpointURI(), "token endpoint");
    if (metadata.getDeviceAuthorizationEndpointURI() == null) {
      throw new LoginException(
          "The homeserver's OAuth server does not offer the device authorization grant; use"
              + " another login method.");
    }
    URI deviceEndpoint =
        IdentityProviderUris.requireSecure(
            metadata.getDeviceAuthorizationEndpointURI(), "device authorization endpoint");
    String clientId = registeredClientId.orElseGet(() -> register(metadata, client));
    String device = deviceId.orElseGet(MatrixOAuthDeviceLogin::newDeviceId);
    Scope scope = new Scope("urn:matrix:client:api:*", "urn:matrix:client:device:" + device);

    DeviceAuthorizationSuccessResponse authorization =
        authorize(new DeviceAuthorizationRequest(deviceEndpoint, new ClientID(clientId), scope));
    prompt.show(
        authorization.getVerificationURI(),
        authorization.getUserCode().getValue(),
        Optional.ofNullable(authorization.getVerificationURIComplete()),
        Duration.ofSeconds(authorization.getLifetime()));
    OAuthTokens.Granted granted = poll(tokenEndpoint, clientId, authorization);
    WhoAmI.Identity identity = WhoAmI.ask(homeserver, granted.accessToken());
    return new Session(
        homeserver.baseUri(),
        identity.userId(),
        identity.deviceId().orElse(device),
        granted.accessToken(),
        granted.refreshToken(),
        granted.expiresAt(),
        new Renewal.OAuth(tokenEndpoint, clientId, false));
  }

  /** {@code GET /_matrix/client/v1/auth_metadata}; the server's OAuth discovery document. */
  public AuthorizationServerMetadata authMetadata() {
    MatrixRequest request = MatrixRequest.get("/_matrix/client/v1/auth_metadata").unauthenticated();
    HttpResult result = homeserver.exchange(request);
    if (unsupported(result)) {
      // Servers from before Matrix 1.15 publish it under the MSC2965 name.
      request =
          MatrixRequest.get("/_matrix/client/unstable/org.matrix.msc2965/auth_metadata")
              .unauthenticated();
      result = homeserver.exchange(request);
    }
    if (unsupported(result)) {
      throw new LoginException(
          "The homeserver does not support the Matrix OAuth 2.0 API; use password, SSO or token"
              + " login.");
    }
    try {
      return AuthorizationServerMetadata.parse(
          new String(HttpTransport.expectOk(request, result).body(), StandardCharsets.UTF_8));
    } catch (ParseException | MatrixException e) {
      throw new LoginException("The homeserver's OAuth metadata could not be read.", e);
    }
  }

  private static boolean unsupported(HttpResult result) {
    return result.status() == 404
        || result.status() == 405
        || (result.status() == 400 && result.error().is("M_UNRECOGNIZED"));
  }

  private String register(AuthorizationServerMetadata metadata, ClientMetadata client) {
    if (metadata.getRegistrationEndpointURI() == null) {
      throw new LoginException(
          "The OAuth server offers no dynamic client registration; configure a client id.");
    }
    URI endpoint =
        IdentityProviderUris.requireSecure(
            metadata.getRegistrationEndpointURI(), "registration endpoint");
    ObjectNode body = Json.object();
    body.put("client_name", client.clientName());
    body.put("client_uri", client.clientUri().toString());
    body.put("application_type", "native");
    body.put("token_endpoint_auth_method", "none");
    body.set("grant_types", Json.MAPPER.valueToTree(List.of(DEVICE_GRANT, "refresh_token")));
    // No response_types: the bot never uses the authorization endpoint.
    MatrixRequest request = MatrixRequest.postJson(endpoint.toString(), body).unauthenticated();
    String clientId;
    try {
      clientId = Json.text(provider.call(request), "client_id");
    } catch (MatrixException e) {
      throw new LoginException(
          "The OAuth server refused to register the bot as a client (HTTP "
              + e.error().status()
              + ").",
          e);
    }
    if (clientId.isEmpty()) {
      throw new LoginException("The OAuth server's registration answer has no client_id.");
    }
    return clientId;
  }

  private DeviceAuthorizationSuccessResponse authorize(DeviceAuthorizationRequest request) {
    try {
      DeviceAuthorizationResponse response =
          DeviceAuthorizationResponse.parse(NimbusHttp.send(provider, request.toHTTPRequest()));
      if (!response.indicatesSuccess()) {
        throw new LoginException(
            "The OAuth server refused the device authorization: "
                + response.toErrorResponse().getErrorObject().getCode());
      }
      return response.toSuccessResponse();
    } catch (ParseException e) {
      throw new LoginException("The device authorization answer could not be read.", e);
    }
  }

  private OAuthTokens.Granted poll(
      URI tokenEndpoint, String clientId, DeviceAuthorizationSuccessResponse authorization) {
    Instant deadline = clock.instant().plusSeconds(Math.max(authorization.getLifetime(), 1));
    Duration interval = Duration.ofSeconds(Math.max(authorization.getInterval(), 1));
    TokenRequest request =
        new TokenRequest.Builder(
                tokenEndpoint,
                new ClientID(clientId),
                new DeviceCodeGrant(authorization.getDeviceCode()))
            .build();
    while (clock.instant().isBefore(deadline)) {
      sleeper.sleep(interval);
      try {
        return OAuthTokens.request(provider, request, clock);
      } catch (OAuthTokens.Refused e) {
        switch (e.code()) {
          case "authorization_pending" -> {}
          case "slow_down" -> interval = interval.plusSeconds(5);
          case "access_denied" ->
              throw new LoginException("The operator declined the bot's login request.");
          case "expired_token" -> throw expired();
          default -> throw new LoginException("The device login failed: " + e.code(), e);
        }
      }
    }
    throw expired();
  }

  private static LoginException expired() {
    return new LoginException(
        "Nobody approved the bot's login in time; start the login again and approve it promptly.");
  }

  static String newDeviceId() {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      id.append(letters.charAt(random.nextInt(letters.length())));
    }
    return id.toString();
  }
}
