package cd.chatrix.app.adapter.matrix;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.DeviceCodePrompt;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.auth.MatrixOAuthDeviceLogin;
import cd.chatrix.matrix.auth.OidcClientCredentials;
import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns the {@code matrix} configuration section into a client builder and a login method. The
 * interactive parts (pasting an SSO login token, showing a device code) come from the caller, so
 * the same wiring serves the TUI, the plain console and tests.
 */
public final class MatrixSetup {
  private MatrixSetup() {}

  /**
   * What interactive logins need from the caller: the operator's screen, and how the bot presents
   * itself when it registers as an OAuth client (its name and home page).
   */
  public record Operator(
      Supplier<String> pasteSsoTokenOrUrl,
      DeviceCodePrompt showDeviceCode,
      MatrixOAuthDeviceLogin.ClientMetadata oauthClient) {}

  /**
   * A client builder for the configured homeserver and device, persisting into {@code stores}. A
   * bare server name ({@code example.org}) is resolved through {@code .well-known}.
   */
  public static MatrixClient.Builder clientBuilder(MatrixConfig config, MatrixStores stores) {
    MatrixClient.Builder builder =
        stores.applyTo(MatrixClient.builder(homeserver(config.homeserver())));
    if (!config.deviceName().isBlank()) {
      builder.deviceName(config.deviceName());
    }
    if (!config.deviceId().isBlank()) {
      builder.deviceId(config.deviceId());
    }
    return builder;
  }

  /**
   * The configured homeserver as log lines name it: host and port of a URL ({@code
   * matrix.example.org}, {@code 127.0.0.1:8008}), or the server name as given. Needs no network.
   */
  public static String displayName(String configured) {
    String value = configured.strip();
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null && uri.getRawAuthority() != null) {
        return uri.getRawAuthority();
      }
    } catch (IllegalArgumentException notAUrl) {
      // a server name such as example.org
    }
    return value;
  }

  static URI homeserver(String configured) {
    String value = configured.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }
    return MatrixClient.discover(value);
  }

  /** The login the configuration asks for; a stored session is still preferred by the client. */
  public static LoginMethod loginMethod(MatrixConfig config, Operator operator) {
    return switch (config.authType()) {
      case PASSWORD -> new LoginMethod.Password(config.userId(), config.password().reveal());
      case TOKEN -> new LoginMethod.AccessToken(config.accessToken().reveal());
      case SSO ->
          config.loginToken().isPresent()
              ? new LoginMethod.SsoLoginToken(config.loginToken()::reveal)
              : new LoginMethod.SsoLoginToken(operator.pasteSsoTokenOrUrl());
      case OIDC ->
          new LoginMethod.OidcClientCredentialsFlow(
              new OidcClientCredentials(
                  URI.create(config.oidcIssuer()),
                  config.oidcClientId(),
                  config.oidcClientSecret().reveal(),
                  config.oidcScopes()));
      case OAUTH ->
          new LoginMethod.OAuthDeviceFlow(operator.oauthClient(), operator.showDeviceCode());
    };
  }
}
