package cd.chatrix.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code matrix} section: where the bot logs in, how, and where it keeps its device state.
 * Secret fields are {@link Secret}s, so {@link #toString()} never shows them.
 */
public record MatrixConfig(
    String homeserver,
    String userId,
    String deviceId,
    String deviceName,
    AuthType authType,
    Secret password,
    Secret accessToken,
    Secret loginToken,
    String oidcIssuer,
    String oidcClientId,
    Secret oidcClientSecret,
    List<String> oidcScopes,
    String oidcRedirectUrl,
    Path storePath,
    boolean e2ee,
    TrustPolicy trustPolicy,
    Secret pickleKey) {

  public MatrixConfig {
    oidcScopes = List.copyOf(oidcScopes);
  }

  static MatrixConfig defaults() {
    return new MatrixConfig(
        "https://matrix.org",
        "",
        "CHATRIXCD",
        "ChatrixCD Bot",
        AuthType.PASSWORD,
        Secret.NONE,
        Secret.NONE,
        Secret.NONE,
        "",
        "",
        Secret.NONE,
        List.of("openid"),
        "http://localhost:8080/callback",
        Path.of("./store"),
        true,
        TrustPolicy.ALL,
        Secret.NONE);
  }

  /** How the bot obtains its Matrix access token. */
  public enum AuthType {
    /** {@code m.login.password} with {@code user_id} and {@code password}. */
    PASSWORD,
    /** A ready-made access token. */
    TOKEN,
    /** OAuth2 client credentials at an OpenID Connect issuer (the seed's flow). */
    OIDC,
    /** Matrix SSO: the user signs in in a browser and hands the bot a login token. */
    SSO,
    /** The Matrix OAuth 2.0 API (device authorization grant), e.g. behind MAS. */
    OAUTH;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which devices receive the bot's room keys in encrypted rooms. */
  public enum TrustPolicy {
    ALL,
    VERIFIED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
