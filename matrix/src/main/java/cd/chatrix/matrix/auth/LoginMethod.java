package cd.chatrix.matrix.auth;

import java.nio.file.Path;
import java.util.function.Supplier;

/** The ways the bot can prove who it is; the configuration picks one. */
public sealed interface LoginMethod {

  /** {@code m.login.password}; {@code user} is a localpart or a full user id. */
  record Password(String user, String password) implements LoginMethod {
    @Override
    public String toString() {
      return "Password[" + user + "]";
    }
  }

  /** An access token obtained elsewhere. */
  record AccessToken(String token) implements LoginMethod {
    @Override
    public String toString() {
      return "AccessToken[hidden]";
    }
  }

  /** An access token read from a file (first line), so it stays out of the config. */
  record TokenFile(Path file) implements LoginMethod {}

  /**
   * SSO: the operator signs in with a browser and pastes the login token or the redirect URL. Asked
   * only when no stored session works.
   */
  record SsoLoginToken(Supplier<String> pastedTokenOrUrl) implements LoginMethod {}

  /** The seed's OIDC client-credentials flow. */
  record OidcClientCredentialsFlow(OidcClientCredentials settings) implements LoginMethod {}

  /** The Matrix OAuth 2.0 API with the device authorization grant. */
  record OAuthDeviceFlow(MatrixOAuthDeviceLogin.ClientMetadata client, DeviceCodePrompt prompt)
      implements LoginMethod {}
}
