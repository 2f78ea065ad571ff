package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.auth.MatrixOAuthDeviceLogin;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixSetupTest {
  private static final MatrixSetup.Operator OPERATOR =
      new MatrixSetup.Operator(
          () -> "pasted-token",
          (uri, code, complete, expires) -> {},
          new MatrixOAuthDeviceLogin.ClientMetadata("Bot", URI.create("https://bot.example")));

  @TempDir Path dir;

  private static MatrixConfig config(
      String homeserver, MatrixConfig.AuthType auth, String deviceId) {
    return new MatrixConfig(
        homeserver,
        "bot",
        deviceId,
        "Deploy bot",
        auth,
        Secret.of("bot-password"),
        Secret.of("syt_token"),
        Secret.NONE,
        "https://id.example",
        "client",
        Secret.of("client-secret"),
        List.of("openid"),
        "http://localhost:8080/callback",
        Path.of("store"),
        true,
        MatrixConfig.TrustPolicy.ALL,
        Secret.NONE);
  }

  @Test
  void aPasswordConfigLogsInOnTheConfiguredDevice() {
    try (TestHomeserver hs = TestHomeserver.start();
        Store store = Store.open(dir, Schema.MIGRATIONS)) {
      hs.registerUser("bot", "bot-password");
      MatrixConfig cfg = config(hs.baseUri() + "/", MatrixConfig.AuthType.PASSWORD, "CCDDEVICE");
      MatrixStores stores = MatrixStores.on(store);

      try (MatrixClient client = MatrixSetup.clientBuilder(cfg, stores).build()) {
        client.login(MatrixSetup.loginMethod(cfg, OPERATOR));
        assertThat(client.session().deviceId()).isEqualTo("CCDDEVICE");
        assertThat(client.session().userId()).isEqualTo("@bot:localhost");
      }
      assertThat(stores.sessions().load().orElseThrow().deviceId()).isEqualTo("CCDDEVICE");
      assertThat(hs.devicesOf("@bot:localhost")).contains("CCDDEVICE");
    }
  }

  @Test
  void eachAuthTypeMapsToItsLoginMethod() {
    assertThat(
            MatrixSetup.loginMethod(
                config("https://h", MatrixConfig.AuthType.PASSWORD, ""), OPERATOR))
        .isEqualTo(new LoginMethod.Password("bot", "bot-password"));
    assertThat(
            MatrixSetup.loginMethod(config("https://h", MatrixConfig.AuthType.TOKEN, ""), OPERATOR))
        .isEqualTo(new LoginMethod.AccessToken("syt_token"));
    LoginMethod sso =
        MatrixSetup.loginMethod(config("https://h", MatrixConfig.AuthType.SSO, ""), OPERATOR);
    assertThat(sso).isInstanceOf(LoginMethod.SsoLoginToken.class);
    assertThat(((LoginMethod.SsoLoginToken) sso).pastedTokenOrUrl().get())
        .isEqualTo("pasted-token");
    LoginMethod oidc =
        MatrixSetup.loginMethod(config("https://h", MatrixConfig.AuthType.OIDC, ""), OPERATOR);
    assertThat(oidc).isInstanceOf(LoginMethod.OidcClientCredentialsFlow.class);
    assertThat(((LoginMethod.OidcClientCredentialsFlow) oidc).settings().clientSecret())
        .isEqualTo("client-secret");
    assertThat(
            MatrixSetup.loginMethod(config("https://h", MatrixConfig.AuthType.OAUTH, ""), OPERATOR))
        .isInstanceOf(LoginMethod.OAuthDeviceFlow.class);
  }

  @Test
  void aUrlIsUsedAsIsWithoutItsTrailingSlash() {
    assertThat(MatrixSetup.homeserver(" https://matrix.example.org/ "))
        .isEqualTo(URI.create("https://matrix.example.org"));
    assertThat(MatrixSetup.homeserver("http://127.0.0.1:8008"))
        .isEqualTo(URI.create("http://127.0.0.1:8008"));
  }
}
