package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.oidc.TestOidcIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The homeserver accepting an OAuth issuer's tokens, as an OAuth-delegated (MAS) server does. */
class TrustIssuerTest {
  private TestHomeserver hs;
  private TestOidcIssuer issuer;
  private RawHttp http;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("localhost", Dialect.CURRENT); // asserts the current spec
    issuer = TestOidcIssuer.start();
    issuer.registerClient("bot", "bot-secret");
    http = new RawHttp(hs.baseUri());
  }

  @AfterEach
  void stop() {
    http.close();
    issuer.close();
    hs.close();
  }

  private String clientCredentialsToken(String scope) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder().encodeToString("bot:bot-secret".getBytes(StandardCharsets.UTF_8));
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(issuer.issuerUri() + "oauth2/token"))
                  .header("Authorization", "Basic " + basic)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type=client_credentials&scope=" + scope))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return RawHttp.JSON.readTree(response.body()).path("access_token").asString();
    }
  }

  @Test
  void authMetadataAppearsOnlyOnceAnIssuerIsTrusted() throws IOException {
    assertThat(http.get("/_matrix/client/v1/auth_metadata", "").status()).isEqualTo(404);
    hs.trustIssuer(issuer, "@bot:localhost");
    JsonNode metadata = http.get("/_matrix/client/v1/auth_metadata", "").json();
    assertThat(metadata.path("issuer").asString()).isEqualTo(issuer.issuerUri().toString());
    assertThat(metadata.path("device_authorization_endpoint").asString())
        .endsWith("/oauth2/device");
  }

  @Test
  void issuerTokenAuthenticatesAsTheMappedUserAndScopedDevice() throws Exception {
    hs.trustIssuer(issuer, "@bot:localhost");
    String token =
        clientCredentialsToken("urn:matrix:client:api:*%20urn:matrix:client:device:BOTDEV");
    JsonNode me = http.get("/_matrix/client/v3/account/whoami", token).json();
    assertThat(me.path("user_id").asString()).isEqualTo("@bot:localhost");
    assertThat(me.path("device_id").asString()).isEqualTo("BOTDEV");
    RawHttp.Response created =
        http.post("/_matrix/client/v3/createRoom", token, "{\"name\":\"via oauth\"}");
    assertThat(created.status()).isEqualTo(200);

    issuer.expire(token);
    RawHttp.Response expired = http.get("/_matrix/client/v3/account/whoami", token);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().path("soft_logout").asBoolean()).isTrue();
  }

  @Test
  void issuerTokensAreRejectedWhenTheIssuerIsNotTrusted() throws Exception {
    String token = clientCredentialsToken("openid");
    RawHttp.Response response = http.get("/_matrix/client/v3/account/whoami", token);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("errcode").asString()).isEqualTo("M_UNKNOWN_TOKEN");
  }
}
