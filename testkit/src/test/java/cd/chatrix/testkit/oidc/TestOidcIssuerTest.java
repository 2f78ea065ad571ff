package cd.chatrix.testkit.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TestOidcIssuerTest {
  private TestOidcIssuer issuer;
  private HttpClient http;

  record Answer(int status, JsonNode json, HttpResponse<String> raw) {}

  @BeforeEach
  void start() {
    issuer = TestOidcIssuer.start();
    issuer.registerClient("bot", "s3cret:with&odd=chars");
    issuer.registerPublicClient("cli", "http://127.0.0.1/callback");
    issuer.pollInterval(0);
    http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @AfterEach
  void stop() {
    http.shutdownNow();
    issuer.close();
  }

  private Answer post(String path, String basicUser, String basicSecret, String form)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(issuer.issuerUri().resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (!basicUser.isEmpty()) {
      String pair = enc(basicUser) + ":" + enc(basicSecret);
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private Answer get(String path) throws IOException, InterruptedException {
    return answer(
        http.send(
            HttpRequest.newBuilder(issuer.issuerUri().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> response) {
    boolean json =
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    return new Answer(
        response.statusCode(),
        json
            ? TestOidcIssuer.JSON.readTree(response.body())
            : TestOidcIssuer.JSON.createObjectNode(),
        response);
  }

  private static String enc(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void discoveryDocumentNamesEveryEndpoint() throws Exception {
    JsonNode metadata = get(".well-known/openid-configuration").json();
    assertThat(metadata.path("issuer").asString()).isEqualTo(issuer.issuerUri().toString());
    for (String endpoint :
        new String[] {
          "token_endpoint", "device_authorization_endpoint", "registration_endpoint", "jwks_uri"
        }) {
      URI uri = URI.create(metadata.path(endpoint).asString());
      assertThat(uri.getPort()).isEqualTo(issuer.issuerUri().getPort());
    }
    assertThat(get("oauth2/keys.json").json().path("keys").isArray()).isTrue();
  }

  @Test
  void clientCredentialsWithBasicAuthMintsAnExpiringToken() throws Exception {
    issuer.tokenLifetime(Duration.ofSeconds(30));
    Answer token =
        post(
            "oauth2/token",
            "bot",
            "s3cret:with&odd=chars",
            "grant_type=client_credentials&scope=openid");
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.json().path("token_type").asString()).isEqualTo("Bearer");
    assertThat(token.json().path("expires_in").asLong()).isEqualTo(30);
    assertThat(token.json().has("refresh_token")).isFalse();
    IssuedToken issued =
        issuer.introspect(token.json().path("access_token").asString()).orElseThrow();
    assertThat(issued.clientId()).isEqualTo("bot");
    assertThat(issued.scopes()).containsExactly("openid");
    assertThat(issued.expired()).isFalse();
  }

  @Test
  void clientSecretPostAlsoWorksAndWrongSecretsAreInvalidClient() throws Exception {
    Answer posted =
        post(
            "oauth2/token",
            "",
            "",
            "grant_type=client_credentials&client_id=bot&client_secret="
                + enc("s3cret:with&odd=chars"));
    assertThat(posted.status()).isEqualTo(200);
    Answer wrong = post("oauth2/token", "bot", "nope", "grant_type=client_credentials");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("error").asString()).isEqualTo("invalid_client");
    assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void deviceGrantIsPendingUntilApprovedThenIssuesRefreshableTokens() throws Exception {
    Answer start =
        post(
            "oauth2/device",
            "",
            "",
            "client_id=cli&scope=" + enc("openid urn:matrix:client:api:*"));
    assertThat(start.status()).isEqualTo(200);
    String deviceCode = start.json().path("device_code").asString();
    String userCode = start.json().path("user_code").asString();
    assertThat(start.json().path("verification_uri_complete").asString()).contains(userCode);
    String poll =
        "grant_type="
            + enc("urn:ietf:params:oauth:grant-type:device_code")
            + "&client_id=cli&device_code="
            + deviceCode;
    Answer pending = post("oauth2/token", "", "", poll);
    assertThat(pending.status()).isEqualTo(400);
    assertThat(pending.json().path("error").asString()).isEqualTo("authorization_pending");

    issuer.approve(userCode, "alice");
    Answer tokens = post("oauth2/token", "", "", poll);
    assertThat(tokens.status()).isEqualTo(200);
    String refresh = tokens.json().path("refresh_token").asString();
    assertThat(refresh).isNotEmpty();
    assertThat(
            issuer
                .introspect(tokens.json().path("access_token").asString())
                .orElseThrow()
                .subject())
        .isEqualTo("alice");

    Answer refreshed =
        post(
            "oauth2/token",
            "",
            "",
            "grant_type=refresh_token&client_id=cli&refresh_token=" + refresh);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().path("refresh_token").asString()).isNotEqualTo(refresh);
    Answer reused =
        post(
            "oauth2/token",
            "",
            "",
            "grant_type=refresh_token&client_id=cli&refresh_token=" + refresh);
    assertThat(reused.json().path("error").asString()).isEqualTo("invalid_grant");
  }

  @Test
  void pollingFasterThanTheIntervalIsToldToSlowDown() throws Exception {
    issuer.pollInterval(30);
    Answer start = post("oauth2/device", "", "", "client_id=cli");
    assertThat(start.json().path("interval").asLong()).isEqualTo(30);
    String poll =
        "grant_type="
            + enc("urn:ietf:params:oauth:grant-type:device_code")
            + "&client_id=cli&device_code="
            + start.json().path("device_code").asString();
    assertThat(post("oauth2/token", "", "", poll).json().path("error").asString())
        .isEqualTo("authorization_pending");
    assertThat(post("oauth2/token", "", "", poll).json().path("error").asString())
        .isEqualTo("slow_down");
  }

  @Test
  void deniedDeviceGrantAnswersAccessDenied() throws Exception {
    Answer start = post("oauth2/device", "", "", "client_id=cli");
    issuer.deny(start.json().path("user_code").asString());
    String poll =
        "grant_type="
            + enc("urn:ietf:params:oauth:grant-type:device_code")
            + "&client_id=cli&device_code="
            + start.json().path("device_code").asString();
    assertThat(post("oauth2/token", "", "", poll).json().path("error").asString())
        .isEqualTo("access_denied");
    assertThatThrownBy(() -> issuer.approve("ZZZZ-ZZZZ"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dynamicRegistrationCreatesUsableClients() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(issuer.issuerUri().resolve("oauth2/registration"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\":\"ChatrixCD\",\"grant_types\":[\"client_credentials\"],"
                            + "\"token_endpoint_auth_method\":\"client_secret_basic\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode client = TestOidcIssuer.JSON.readTree(response.body());
    assertThat(client.path("client_name").asString()).isEqualTo("ChatrixCD");
    Answer token =
        post(
            "oauth2/token",
            client.path("client_id").asString(),
            client.path("client_secret").asString(),
            "grant_type=client_credentials");
    assertThat(token.status()).isEqualTo(200);
  }

  @Test
  void authorizationCodeWithPkceCompletes() throws Exception {
    issuer.authorizeAs("bob");
    String verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    Answer redirect =
        get(
            "oauth2/authorize?response_type=code&client_id=cli&state=xyz&redirect_uri="
                + enc("http://127.0.0.1/callback")
                + "&code_challenge_method=S256&code_challenge="
                + TokenEndpoint.s256(verifier)
                + "&scope=openid");
    assertThat(redirect.status()).isEqualTo(302);
    URI location = URI.create(redirect.raw().headers().firstValue("Location").orElseThrow());
    Map<String, String> params = TestOidcIssuer.form(location.getRawQuery());
    assertThat(params).containsEntry("state", "xyz");
    String form =
        "grant_type=authorization_code&client_id=cli&redirect_uri="
            + enc("http://127.0.0.1/callback")
            + "&code="
            + params.get("code");
    Answer badVerifier = post("oauth2/token", "", "", form + "&code_verifier=wrong");
    assertThat(badVerifier.json().path("error").asString()).isEqualTo("invalid_grant");

    Answer again =
        get(
            "oauth2/authorize?response_type=code&client_id=cli&redirect_uri="
                + enc("http://127.0.0.1/callback")
                + "&code_challenge_method=S256&code_challenge="
                + TokenEndpoint.s256(verifier));
    String code =
        TestOidcIssuer.form(
                URI.create(again.raw().headers().firstValue("Location").orElseThrow())
                    .getRawQuery())
            .get("code");
    Answer tokens =
        post(
            "oauth2/token",
            "",
            "",
            "grant_type=authorization_code&client_id=cli&redirect_uri="
                + enc("http://127.0.0.1/callback")
                + "&code="
                + code
                + "&code_verifier="
                + verifier);
    assertThat(tokens.status()).isEqualTo(200);
    assertThat(
            issuer
                .introspect(tokens.json().path("access_token").asString())
                .orElseThrow()
                .subject())
        .isEqualTo("bob");
  }

  @Test
  void revokedTokensAreForgotten() throws Exception {
    String token =
        post("oauth2/token", "bot", "s3cret:with&odd=chars", "grant_type=client_credentials")
            .json()
            .path("access_token")
            .asString();
    assertThat(post("oauth2/revoke", "bot", "s3cret:with&odd=chars", "token=" + token).status())
        .isEqualTo(200);
    assertThat(issuer.introspect(token)).isEmpty();
  }

  @Test
  void clientCredentialsCanBeConfiguredToReturnARefreshToken() throws Exception {
    issuer.refreshTokensForClientCredentials(true);
    Answer token =
        post("oauth2/token", "bot", "s3cret:with&odd=chars", "grant_type=client_credentials");
    String refresh = token.json().path("refresh_token").asString();
    assertThat(refresh).isNotEmpty();
    Answer refreshed =
        post(
            "oauth2/token",
            "bot",
            "s3cret:with&odd=chars",
            "grant_type=refresh_token&refresh_token=" + refresh);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().path("access_token").asString())
        .isNotEqualTo(token.json().path("access_token").asString());
  }
}
