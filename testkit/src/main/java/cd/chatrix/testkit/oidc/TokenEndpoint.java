package cd.chatrix.testkit.oidc;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Client authentication, the token endpoint's grants, and the auto-approving authorize step. */
final class TokenEndpoint {
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private final GrantStore store;

  TokenEndpoint(GrantStore store) {
    this.store = store;
  }

  static List<String> scopes(Map<String, String> form) {
    String scope = form.getOrDefault("scope", "").trim();
    return scope.isEmpty() ? List.of() : Arrays.asList(scope.split("\\s+"));
  }

  /**
   * Authenticates the client: HTTP Basic (RFC 6749 section 2.3.1, form-encoded id and secret), or
   * {@code client_id}/{@code client_secret} in the form; public clients send only the id.
   */
  OidcClient authenticate(HttpExchange exchange, Map<String, String> form) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String id = form.getOrDefault("client_id", "");
    String secret = form.getOrDefault("client_secret", "");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = TestOidcIssuer.basicDecode(header.substring(6));
      } catch (IllegalArgumentException e) {
        throw OAuthError.invalidClient("The Basic credentials are not valid base64.");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw OAuthError.invalidClient("The Basic credentials need an id and a secret.");
      }
      id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
    }
    if (id.isEmpty()) {
      throw OAuthError.invalidClient("No client authentication was given.");
    }
    String clientId = id;
    OidcClient client =
        store
            .client(clientId)
            .orElseThrow(() -> OAuthError.invalidClient("Unknown client " + clientId));
    boolean secretOk =
        client.isPublic()
            || MessageDigest.isEqual(
                client.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    if (!secretOk) {
      throw OAuthError.invalidClient("The client secret is wrong.");
    }
    return client;
  }

  ObjectNode token(HttpExchange exchange, Map<String, String> form) {
    OidcClient client = authenticate(exchange, form);
    String grantType = form.getOrDefault("grant_type", "");
    GrantStore.Minted minted =
        switch (grantType) {
          case "client_credentials" -> {
            if (client.isPublic()) {
              throw new OAuthError(
                  400, "unauthorized_client", "Public clients cannot use client credentials.");
            }
            yield store.mint(
                client.clientId(),
                client.clientId(),
                scopes(form),
                store.refreshForClientCredentials());
          }
          case DEVICE_GRANT -> store.pollDevice(required(form, "device_code"), client.clientId());
          case "refresh_token" -> store.refresh(required(form, "refresh_token"), client.clientId());
          case "authorization_code" -> redeem(client, form);
          case "" -> throw OAuthError.invalidRequest("grant_type is missing.");
          default ->
              throw new OAuthError(
                  400, "unsupported_grant_type", "The test issuer does not offer " + grantType);
        };
    ObjectNode out = TestOidcIssuer.JSON.createObjectNode();
    out.put("access_token", minted.accessToken());
    out.put("token_type", "Bearer");
    out.put("expires_in", minted.expiresInSeconds());
    if (!minted.refreshToken().isEmpty()) {
      out.put("refresh_token", minted.refreshToken());
    }
    if (!minted.scopes().isEmpty()) {
      out.put("scope", String.join(" ", minted.scopes()));
    }
    return out;
  }

  private GrantStore.Minted redeem(OidcClient client, Map<String, String> form) {
    GrantStore.CodeGrant grant =
        store
            .redeemCode(required(form, "code"))
            .filter(g -> g.clientId().equals(client.clientId()))
            .orElseThrow(() -> OAuthError.invalidGrant("The code is unknown, used or not yours."));
    if (!grant.redirectUri().equals(form.getOrDefault("redirect_uri", ""))) {
      throw OAuthError.invalidGrant("redirect_uri does not match the authorization request.");
    }
    if (!grant.challenge().isEmpty()) {
      String verifier = required(form, "code_verifier");
      String expected = grant.challengeMethod().equals("plain") ? verifier : s256(verifier);
      if (!expected.equals(grant.challenge())) {
        throw OAuthError.invalidGrant("The PKCE code_verifier does not match the challenge.");
      }
    }
    return store.mint(client.clientId(), grant.subject(), grant.scopes(), true);
  }

  /** Approves an authorization request at once and returns the redirect back to the client. */
  URI authorize(Map<String, String> query, String subject) {
    String clientId = query.getOrDefault("client_id", "");
    OidcClient client =
        store.client(clientId).orElseThrow(() -> OAuthError.invalidRequest("Unknown client_id."));
    String redirect = query.getOrDefault("redirect_uri", "");
    if (redirect.isEmpty() || !client.redirectUris().contains(redirect)) {
      throw OAuthError.invalidRequest("redirect_uri is not registered for this client.");
    }
    String state = query.getOrDefault("state", "");
    String separator = redirect.contains("?") ? "&" : "?";
    if (!query.getOrDefault("response_type", "").equals("code")) {
      return URI.create(
          redirect + separator + "error=unsupported_response_type&state=" + enc(state));
    }
    String code =
        store.issueCode(
            new GrantStore.CodeGrant(
                clientId,
                redirect,
                query.getOrDefault("code_challenge", ""),
                query.getOrDefault("code_challenge_method", "plain"),
                scopes(query),
                subject));
    return URI.create(redirect + separator + "code=" + enc(code) + "&state=" + enc(state));
  }

  private static String required(Map<String, String> form, String name) {
    String value = form.getOrDefault(name, "");
    if (value.isEmpty()) {
      throw OAuthError.invalidRequest(name + " is missing.");
    }
    return value;
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
