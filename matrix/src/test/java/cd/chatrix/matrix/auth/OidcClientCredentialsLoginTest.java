package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seed's client-credentials flow against a scripted provider and homeserver. */
class OidcClientCredentialsLoginTest {
  private final FakeHttpServer idp = new FakeHttpServer();
  private final FakeHttpServer hs = new FakeHttpServer();
  private final Transports transports = Transports.standard();
  private final AtomicInteger issued = new AtomicInteger();

  @BeforeEach
  void script() {
    String issuer = idp.baseUri() + "/realm";
    idp.route(
        "GET /realm/.well-known/openid-configuration",
        r ->
            Reply.json(
                200,
                """
                {"issuer":"%s","token_endpoint":"%s/token","response_types_supported":["code"],
                 "grant_types_supported":["client_credentials","refresh_token"]}\
                """
                    .formatted(issuer, issuer)));
    idp.route(
        "POST /realm/token",
        r -> {
          String expected =
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString("bot-client:s3cret".getBytes(StandardCharsets.UTF_8));
          if (!r.header("Authorization").equals(expected)) {
            return Reply.json(401, "{\"error\":\"invalid_client\"}");
          }
          int n = issued.incrementAndGet();
          String refresh = r.body().contains("grant_type=refresh_token") ? "rt" + n : "rt" + n;
          return Reply.json(
              200,
              """
              {"access_token":"at%d","token_type":"Bearer","expires_in":300,"refresh_token":"%s"}\
              """
                  .formatted(n, refresh));
        });
    hs.route(
        "GET /_matrix/client/v3/account/whoami",
        r ->
            r.header("Authorization").startsWith("Bearer at")
                ? Reply.json(200, "{\"user_id\":\"@bot:example.org\",\"device_id\":\"OIDCDEV\"}")
                : Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\"}"));
  }

  @AfterEach
  void close() {
    transports.close();
    idp.close();
    hs.close();
  }

  private OidcClientCredentials settings(String secret) {
    return new OidcClientCredentials(
        URI.create(idp.baseUri() + "/realm"), "bot-client", secret, List.of("openid"));
  }

  private OidcClientCredentialsLogin login() {
    HttpTransport provider = transports.plain(idp.baseUri());
    return new OidcClientCredentialsLogin(
        provider, transports.plain(hs.baseUri()), Clock.systemUTC());
  }

  @Test
  void discoversTheProviderAndLogsInWithBasicAuth() {
    Session session = login().login(settings("s3cret"), Optional.empty());

    assertThat(session.userId()).isEqualTo("@bot:example.org");
    assertThat(session.deviceId()).isEqualTo("OIDCDEV");
    assertThat(session.accessToken()).isEqualTo("at1");
    assertThat(session.refreshToken()).contains("rt1");
    assertThat(session.expiresAt()).isPresent();
    assertThat(session.renewal()).isInstanceOf(Renewal.OAuth.class);
    var tokenRequest = idp.requests("/realm/token").getFirst();
    assertThat(tokenRequest.body())
        .contains("grant_type=client_credentials")
        .contains("scope=openid");
    assertThat(tokenRequest.body()).doesNotContain("s3cret");
  }

  @Test
  void refreshesWithTheRefreshTokenGrant() {
    Session session = login().login(settings("s3cret"), Optional.empty());
    OAuthRenewer renewer =
        new OAuthRenewer(
            transports.plain(idp.baseUri()), Optional.of(settings("s3cret")), Clock.systemUTC());

    Session renewed = renewer.renew(session);

    assertThat(renewed.accessToken()).isEqualTo("at2");
    assertThat(renewed.deviceId()).isEqualTo("OIDCDEV");
    assertThat(idp.requests("/realm/token").get(1).body())
        .contains("grant_type=refresh_token")
        .contains("refresh_token=rt1");
  }

  @Test
  void wrongSecretGivesAnActionableError() {
    assertThatThrownBy(() -> login().login(settings("wrong"), Optional.empty()))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("client id and secret")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void refusesAnIssuerThatIsNotHttps() {
    var settings =
        new OidcClientCredentials(URI.create("http://id.example.org"), "c", "s", List.of());
    assertThatThrownBy(() -> login().login(settings, Optional.empty()))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("HTTPS");
    assertThat(idp.requests()).isEmpty();
  }

  @Test
  void withoutARefreshTokenTheClientCredentialsAreUsedAgain() {
    Session session = login().login(settings("s3cret"), Optional.empty());
    Session noRefresh =
        new Session(
            session.homeserver(),
            session.userId(),
            session.deviceId(),
            session.accessToken(),
            Optional.empty(),
            session.expiresAt(),
            session.renewal());
    OAuthRenewer renewer =
        new OAuthRenewer(
            transports.plain(idp.baseUri()), Optional.of(settings("s3cret")), Clock.systemUTC());

    Session renewed = renewer.renew(noRefresh);

    assertThat(renewed.accessToken()).isEqualTo("at2");
    assertThat(idp.requests("/realm/token").get(1).body())
        .contains("grant_type=client_credentials");
  }

  @Test
  void addsTheDeviceScopeWhenMatrixScopesAreUsed() {
    var withDevice =
        OidcClientCredentialsLogin.withDeviceScope(
            new OidcClientCredentials(
                URI.create("https://id"), "c", "s", List.of("urn:matrix:client:api:*")),
            Optional.of("DEV1"));
    var plain = OidcClientCredentialsLogin.withDeviceScope(settings("x"), Optional.of("DEV1"));

    assertThat(withDevice.scopes())
        .containsExactly("urn:matrix:client:api:*", "urn:matrix:client:device:DEV1");
    assertThat(plain.scopes()).containsExactly("openid");
  }
}
