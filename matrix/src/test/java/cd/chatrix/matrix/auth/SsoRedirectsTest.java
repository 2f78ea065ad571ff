package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SsoRedirectsTest {
  private final FakeHttpServer hs = new FakeHttpServer();
  private final Transports transports = Transports.standard();

  @AfterEach
  void close() {
    transports.close();
    hs.close();
  }

  @Test
  void listsProvidersAndBuildsAnEncodedRedirectUrl() {
    hs.route(
        "GET /_matrix/client/v3/login",
        r ->
            Reply.json(
                200,
                """
                {"flows":[{"type":"m.login.password"},{"type":"m.login.sso","identity_providers":[{"id":"oidc-keycloak","name":"Keycloak"}]},
                          {"type":"m.login.token"}]}\
                """));
    SsoRedirects sso = new SsoRedirects(transports.plain(hs.baseUri()));

    var providers = sso.identityProviders();
    URI url = sso.redirectUrl(URI.create("http://localhost:9999/done?x=1"), providers);

    assertThat(sso.loginFlows())
        .containsExactly("m.login.password", "m.login.sso", "m.login.token");
    assertThat(providers)
        .containsExactly(new SsoRedirects.IdentityProvider("oidc-keycloak", "Keycloak"));
    assertThat(url.toString())
        .isEqualTo(
            hs.baseUri()
                + "/_matrix/client/v3/login/sso/redirect/oidc-keycloak?redirectUrl=http%3A%2F%2Flocalhost%3A9999%2Fdone%3Fx%3D1");
  }
}
