package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.oidc.TestOidcIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's client-credentials flow and the Matrix OAuth device grant against the testkit. */
class OAuthWithTestIssuerTest {
  private final TestHomeserver hs = TestHomeserver.start();
  private final TestOidcIssuer issuer = TestOidcIssuer.start();
  private final Transports transports = Transports.standard();
  private final InMemorySessionStore store = new InMemorySessionStore();

  @AfterEach
  void close() {
    transports.close();
    issuer.close();
    hs.close();
  }

  private SessionBootstrap bootstrap() {
    return new SessionBootstrap(
        hs.baseUri(), transports::plain, store, Clock.systemUTC(), Sleeper.REAL);
  }

  private String whoami(Authenticated auth) {
    return transports
        .authenticated(hs.baseUri(), auth.tokens())
        .call(MatrixRequest.get("/_matrix/client/v3/account/whoami"))
        .path("user_id")
        .asString();
  }

  private LoginMethod clientCredentials() {
    return new LoginMethod.OidcClientCredentialsFlow(
        new OidcClientCredentials(
            issuer.issuerUri(), "chatrixcd", "s3cret", List.of("urn:matrix:client:api:*")));
  }

  @Test
  void clientCredentialsLoginKeepsTheDeviceAndRefreshesBeforeExpiry() {
    hs.registerUser("bot", "pw");
    hs.trustIssuer(issuer, "@bot:localhost");
    issuer.registerClient("chatrixcd", "s3cret");
    issuer.tokenLifetime(Duration.ofSeconds(2));

    Authenticated auth = bootstrap().establish(clientCredentials(), Optional.of("CCDEVICE"), "x");
    String initial = auth.tokens().current();

    assertThat(auth.session().userId()).isEqualTo("@bot:localhost");
    assertThat(auth.session().deviceId()).isEqualTo("CCDEVICE");
    assertThat(whoami(auth)).isEqualTo("@bot:localhost");
    await().atMost(Duration.ofSeconds(10)).until(() -> !auth.tokens().current().equals(initial));
    assertThat(whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(store.load().orElseThrow().deviceId()).isEqualTo("CCDEVICE");
  }

  @Test
  void deviceGrantShowsTheCodeAndLogsInAfterApproval() {
    hs.registerUser("bot", "pw");
    hs.trustIssuer(issuer, "@bot:localhost");
    LoginMethod method =
        new LoginMethod.OAuthDeviceFlow(
            new MatrixOAuthDeviceLogin.ClientMetadata(
                "ChatrixCD", URI.create("https://chatrix.cd")),
            (uri, code, complete, expires) -> {
              assertThat(uri.toString()).startsWith(issuer.issuerUri().toString());
              issuer.approve(code, "bot");
            });

    Authenticated auth = bootstrap().establish(method, Optional.of("DEVGRANT"), "x");

    assertThat(auth.session().deviceId()).isEqualTo("DEVGRANT");
    assertThat(auth.session().renewal()).isInstanceOf(Renewal.OAuth.class);
    assertThat(whoami(auth)).isEqualTo("@bot:localhost");
  }

  @Test
  void deviceGrantTokensAreRefreshedBeforeExpiry() {
    hs.registerUser("bot", "pw");
    hs.trustIssuer(issuer, "@bot:localhost");
    issuer.tokenLifetime(Duration.ofSeconds(2));
    LoginMethod method =
        new LoginMethod.OAuthDeviceFlow(
            new MatrixOAuthDeviceLogin.ClientMetadata(
                "ChatrixCD", URI.create("https://chatrix.cd")),
            (uri, code, complete, expires) -> issuer.approve(code, "bot"));
    Authenticated auth = bootstrap().establish(method, Optional.of("DEVGRANT"), "x");
    String initial = auth.tokens().current();

    await().atMost(Duration.ofSeconds(10)).until(() -> !auth.tokens().current().equals(initial));

    assertThat(whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(auth.session().deviceId()).isEqualTo("DEVGRANT");
  }
}
