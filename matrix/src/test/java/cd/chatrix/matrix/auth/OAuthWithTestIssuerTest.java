package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.testkit.oidc.TestOidcIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's client-credentials flow and the Matrix OAuth device grant against the testkit. */
class OAuthWithTestIssuerTest {
  private final BootstrapRig rig = new BootstrapRig();
  private final TestOidcIssuer issuer = TestOidcIssuer.start();

  @AfterEach
  void close() {
    issuer.close();
    rig.close();
  }

  private LoginMethod clientCredentials() {
    return new LoginMethod.OidcClientCredentialsFlow(
        new OidcClientCredentials(
            issuer.issuerUri(), "chatrixcd", "s3cret", List.of("urn:matrix:client:api:*")));
  }

  @Test
  void clientCredentialsLoginKeepsTheDeviceAndRefreshesBeforeExpiry() {
    rig.hs.registerUser("bot", "pw");
    rig.hs.trustIssuer(issuer, "@bot:localhost");
    issuer.registerClient("chatrixcd", "s3cret");
    issuer.tokenLifetime(Duration.ofSeconds(2));

    Authenticated auth =
        rig.bootstrap().establish(clientCredentials(), Optional.of("CCDEVICE"), "x");
    String initial = auth.tokens().current();

    assertThat(auth.session().userId()).isEqualTo("@bot:localhost");
    assertThat(auth.session().deviceId()).isEqualTo("CCDEVICE");
    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    await().atMost(Duration.ofSeconds(10)).until(() -> !auth.tokens().current().equals(initial));
    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(rig.store.load().orElseThrow().deviceId()).isEqualTo("CCDEVICE");
  }

  @Test
  void deviceGrantShowsTheCodeAndLogsInAfterApproval() {
    rig.hs.registerUser("bot", "pw");
    rig.hs.trustIssuer(issuer, "@bot:localhost");
    LoginMethod method =
        new LoginMethod.OAuthDeviceFlow(
            new MatrixOAuthDeviceLogin.ClientMetadata(
                "ChatrixCD", URI.create("https://chatrix.cd")),
            (uri, code, complete, expires) -> {
              assertThat(uri.toString()).startsWith(issuer.issuerUri().toString());
              issuer.approve(code, "bot");
            });

    Authenticated auth = rig.bootstrap().establish(method, Optional.of("DEVGRANT"), "x");

    assertThat(auth.session().deviceId()).isEqualTo("DEVGRANT");
    assertThat(auth.session().renewal()).isInstanceOf(Renewal.OAuth.class);
    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
  }

  @Test
  void deviceGrantTokensAreRefreshedBeforeExpiry() {
    rig.hs.registerUser("bot", "pw");
    rig.hs.trustIssuer(issuer, "@bot:localhost");
    issuer.tokenLifetime(Duration.ofSeconds(2));
    LoginMethod method =
        new LoginMethod.OAuthDeviceFlow(
            new MatrixOAuthDeviceLogin.ClientMetadata(
                "ChatrixCD", URI.create("https://chatrix.cd")),
            (uri, code, complete, expires) -> issuer.approve(code, "bot"));
    Authenticated auth = rig.bootstrap().establish(method, Optional.of("DEVGRANT"), "x");
    String initial = auth.tokens().current();

    await().atMost(Duration.ofSeconds(10)).until(() -> !auth.tokens().current().equals(initial));

    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(auth.session().deviceId()).isEqualTo("DEVGRANT");
  }
}
