package cd.chatrix.testkit.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process OAuth 2.0 / OpenID Connect issuer on 127.0.0.1 with an ephemeral port. It serves
 * discovery metadata, the token endpoint (client credentials, device code, refresh token,
 * authorization code with PKCE), RFC 8628 device authorization, RFC 7591 dynamic registration,
 * revocation and userinfo. Tokens are opaque; {@link #introspect} tells a resource server (such as
 * the test homeserver) what a token grants.
 *
 * <p>Test hooks: {@link #registerClient}, {@link #approve}, {@link #deny}, {@link #tokenLifetime},
 * {@link #pollInterval}, {@link #expire}.
 */
public final class TestOidcIssuer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI issuer;
  private final GrantStore store = new GrantStore();
  private final TokenEndpoint tokens;
  private volatile Duration deviceCodeLifetime = Duration.ofMinutes(10);
  private volatile long pollIntervalSeconds = 1;
  private volatile String authorizeAs = "user";

  private TestOidcIssuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    tokens = new TokenEndpoint(store);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static TestOidcIssuer start() {
    try {
      return new TestOidcIssuer();
    } catch (IOException e) {
      throw new UncheckedIOException("could not bind the test issuer to 127.0.0.1", e);
    }
  }

  /** The issuer identifier, with a trailing slash, e.g. {@code http://127.0.0.1:40111/}. */
  public URI issuerUri() {
    return issuer;
  }

  /** Registers a confidential client (for client credentials; Basic or post authentication). */
  public void registerClient(String clientId, String secret) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("a confidential client needs a secret");
    }
    store.addClient(new OidcClient(clientId, secret, List.of(), JSON.createObjectNode()));
  }

  /** Registers a public client (no secret), e.g. for the device grant. */
  public void registerPublicClient(String clientId, String... redirectUris) {
    store.addClient(new OidcClient(clientId, "", List.of(redirectUris), JSON.createObjectNode()));
  }

  /** Lifetime of access tokens minted from now on (default 5 minutes). */
  public void tokenLifetime(Duration lifetime) {
    store.tokenLifetime(lifetime);
  }

  /**
   * Whether client-credentials grants also return a refresh token. RFC 6749 (4.4.3) says they
   * should not, so the default is off; some identity providers do it anyway, as ChatrixCD's
   * original OIDC design assumed.
   */
  public void refreshTokensForClientCredentials(boolean enabled) {
    store.refreshForClientCredentials(enabled);
  }

  /** Minimum seconds between device-code polls; polling faster gets {@code slow_down}. */
  public void pollInterval(long seconds) {
    pollIntervalSeconds = seconds;
  }

  public void deviceCodeLifetime(Duration lifetime) {
    deviceCodeLifetime = lifetime;
  }

  /** The user the authorization endpoint approves as (it approves at once; default "user"). */
  public void authorizeAs(String subject) {
    authorizeAs = subject;
  }

  /** The user approves the device authorization with this user code, as {@code subject}. */
  public void approve(String userCode, String subject) {
    store.decide(userCode, GrantStore.DeviceState.APPROVED, subject);
  }

  public void approve(String userCode) {
    approve(userCode, authorizeAs);
  }

  public void deny(String userCode) {
    store.decide(userCode, GrantStore.DeviceState.DENIED, "");
  }

  /** Makes an access token expire now. */
  public void expire(String accessToken) {
    store.expire(accessToken);
  }

  /** What an access token grants, if this issuer minted it (expired tokens included). */
  public Optional<IssuedToken> introspect(String accessToken) {
    return store.introspect(accessToken);
  }

  /** The discovery document (also served as the Matrix {@code auth_metadata}). */
  public JsonNode metadata() {
    ObjectNode out = JSON.createObjectNode();
    String base = issuer.toString();
    out.put("issuer", base);
    out.put("authorization_endpoint", base + "oauth2/authorize");
    out.put("token_endpoint", base + "oauth2/token");
    out.put("device_authorization_endpoint", base + "oauth2/device");
    out.put("registration_endpoint", base + "oauth2/registration");
    out.put("revocation_endpoint", base + "oauth2/revoke");
    out.put("userinfo_endpoint", base + "oauth2/userinfo");
    out.put("jwks_uri", base + "oauth2/keys.json");
    strings(out.putArray("response_types_supported"), "code");
    strings(out.putArray("response_modes_supported"), "query", "fragment");
    strings(
        out.putArray("grant_types_supported"),
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "urn:ietf:params:oauth:grant-type:device_code");
    strings(
        out.putArray("token_endpoint_auth_methods_supported"),
        "client_secret_basic",
        "client_secret_post",
        "none");
    strings(
        out.putArray("revocation_endpoint_auth_methods_supported"),
        "client_secret_basic",
        "client_secret_post",
        "none");
    strings(out.putArray("code_challenge_methods_supported"), "S256", "plain");
    strings(out.putArray("subject_types_supported"), "public");
    strings(
        out.putArray("scopes_supported"),
        "openid",
        "urn:matrix:client:api:*",
        "urn:matrix:org.matrix.msc2967.client:api:*");
    strings(out.putArray("prompt_values_supported"), "create");
    return out;
  }

  private static void strings(ArrayNode array, String... values) {
    for (String value : values) {
      array.add(value);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Map<String, String> query =
          form(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
      try {
        switch (method + " " + path) {
          case "GET /.well-known/openid-configuration",
              "GET /.well-known/oauth-authorization-server" ->
              json(exchange, 200, metadata());
          case "GET /oauth2/keys.json" ->
              json(exchange, 200, JSON.createObjectNode().set("keys", JSON.createArrayNode()));
          case "POST /oauth2/token" -> json(exchange, 200, tokens.token(exchange, form(body)));
          case "POST /oauth2/device" ->
              json(exchange, 200, deviceAuthorization(exchange, form(body)));
          case "POST /oauth2/registration" -> json(exchange, 201, register(body));
          case "POST /oauth2/revoke" -> {
            tokens.authenticate(exchange, form(body));
            store.revoke(form(body).getOrDefault("token", ""));
            json(exchange, 200, JSON.createObjectNode());
          }
          case "GET /oauth2/userinfo" -> json(exchange, 200, userinfo(exchange));
          case "GET /oauth2/authorize" -> redirect(exchange, tokens.authorize(query, authorizeAs));
          case "GET /device" ->
              text(
                  exchange,
                  200,
                  "Enter your code here; tests approve it with TestOidcIssuer.approve().");
          default ->
              json(exchange, 404, error("not_found", "The test issuer does not serve " + path));
        }
      } catch (OAuthError e) {
        if (e.status() == 401) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test issuer\"");
        }
        json(exchange, e.status(), error(e.code(), e.getMessage()));
      }
    }
  }

  private ObjectNode deviceAuthorization(HttpExchange exchange, Map<String, String> form) {
    OidcClient client = tokens.authenticate(exchange, form);
    List<String> scopes = TokenEndpoint.scopes(form);
    var started =
        store.startDevice(client.clientId(), scopes, deviceCodeLifetime, pollIntervalSeconds);
    ObjectNode out = JSON.createObjectNode();
    out.put("device_code", started.getKey());
    out.put("user_code", started.getValue().userCode);
    out.put("verification_uri", issuer + "device");
    out.put("verification_uri_complete", issuer + "device?code=" + started.getValue().userCode);
    out.put("expires_in", deviceCodeLifetime.toSeconds());
    out.put("interval", pollIntervalSeconds);
    return out;
  }

  private ObjectNode register(byte[] body) {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (tools.jackson.core.JacksonException e) {
      throw OAuthError.invalidRequest("The registration request is not JSON.");
    }
    if (!(request instanceof ObjectNode metadata)) {
      throw new OAuthError(
          400, "invalid_client_metadata", "Client metadata must be a JSON object.");
    }
    String method = metadata.path("token_endpoint_auth_method").asString("client_secret_basic");
    List<String> redirects =
        metadata.path("redirect_uris").valueStream().map(n -> n.asString("")).toList();
    OidcClient client = store.register(metadata.deepCopy(), !method.equals("none"), redirects);
    ObjectNode out = metadata.deepCopy();
    out.put("client_id", client.clientId());
    out.put("client_id_issued_at", System.currentTimeMillis() / 1000);
    out.put("token_endpoint_auth_method", method);
    if (!client.isPublic()) {
      out.put("client_secret", client.secret());
      out.put("client_secret_expires_at", 0);
    }
    return out;
  }

  private ObjectNode userinfo(HttpExchange exchange) {
    String header =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
    String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    IssuedToken issued =
        store
            .introspect(token)
            .filter(t -> !t.expired())
            .orElseThrow(
                () -> new OAuthError(401, "invalid_token", "The access token is not valid."));
    return JSON.createObjectNode().put("sub", issued.subject());
  }

  static Map<String, String> form(byte[] body) {
    return form(new String(body, StandardCharsets.UTF_8));
  }

  static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.putIfAbsent(
          name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static ObjectNode error(String code, String description) {
    return JSON.createObjectNode().put("error", code).put("error_description", description);
  }

  private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    write(exchange, status, JSON.writeValueAsBytes(body));
  }

  private static void text(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    write(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void redirect(HttpExchange exchange, URI location) throws IOException {
    exchange.getResponseHeaders().set("Location", location.toString());
    exchange.sendResponseHeaders(302, -1);
  }

  private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String basicDecode(String value) {
    return new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
