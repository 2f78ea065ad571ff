package cd.chatrix.app.boot.startup;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.matrix.auth.LoginException;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.TransportException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a failed login (or a first sync that ended the session) as a {@link Verdict}: no answer and
 * the answers a server gives while it is unwell (5xx, 429) mean wait; an answer that refuses the
 * bot's credentials means the configuration must change, and the verdict names the key. Anything
 * else the homeserver answers is waited for too: a reverse proxy answers 404 while the homeserver
 * behind it restarts, and the WARN line and {@code /readyz} show what it said.
 */
public final class MatrixFailures {
  /** RFC 6749 §5.2: the token endpoint's answers that mean the client's own request is wrong. */
  private static final Set<String> OAUTH_REFUSALS =
      Set.of(
          "invalid_client",
          "unauthorized_client",
          "invalid_grant",
          "invalid_scope",
          "unsupported_grant_type");

  /**
   * Every code the token endpoint may answer with (RFC 6749 §4.1.2.1, §5.2), most specific first.
   */
  private static final List<String> OAUTH_CODES =
      List.of(
          "invalid_client",
          "unauthorized_client",
          "invalid_grant",
          "invalid_scope",
          "unsupported_grant_type",
          "invalid_request",
          "server_error",
          "temporarily_unavailable",
          "unknown_error");

  private final MatrixConfig config;
  private final String server;

  /**
   * @param server the homeserver as the log names it, e.g. {@code matrix.example.org}
   */
  public MatrixFailures(MatrixConfig config, String server) {
    this.config = config;
    this.server = server;
  }

  public Verdict classify(Throwable failure) {
    if (find(failure, TransportException.class).isPresent()) {
      return new Verdict.Wait(
          NetworkCauses.describe(failure).orElse("no connection"), detail(failure));
    }
    Optional<MatrixException> answer = find(failure, MatrixException.class);
    if (answer.isPresent()) {
      return answered(answer.get(), failure);
    }
    Optional<String> oauthCode = oauthCode(failure);
    if (oauthCode.isPresent()) {
      return OAUTH_REFUSALS.contains(oauthCode.get())
          ? new Verdict.Refuse(oidcRefused(oauthCode.get()))
          : new Verdict.Wait("the identity provider answered " + oauthCode.get(), detail(failure));
    }
    if (failure instanceof LoginException) {
      // Our own login code found the configuration unusable (an empty token file, an issuer that
      // names itself differently, a server that is no Matrix homeserver); its message says what.
      return new Verdict.Refuse(failure.getMessage());
    }
    return new Verdict.Fail(detail(failure));
  }

  private Verdict answered(MatrixException e, Throwable failure) {
    String errcode = e.error().errcode();
    return switch (errcode) {
      case "M_FORBIDDEN" -> new Verdict.Refuse(forbidden());
      case "M_UNKNOWN_TOKEN", "M_MISSING_TOKEN" -> new Verdict.Refuse(unknownToken(errcode));
      case "M_USER_DEACTIVATED" ->
          new Verdict.Refuse(
              (config.userId().isBlank() ? "The bot's account" : "The account " + config.userId())
                  + " is deactivated on "
                  + server
                  + " (M_USER_DEACTIVATED). Give the bot another account in matrix.user_id.");
      default -> waitFor(e, failure);
    };
  }

  private Verdict waitFor(MatrixException e, Throwable failure) {
    String cause =
        "it answered HTTP "
            + e.error().status()
            + (e.error().is("M_UNKNOWN") ? "" : " " + e.error().errcode());
    return new Verdict.Wait(cause, detail(failure));
  }

  private String forbidden() {
    return switch (config.authType()) {
      case PASSWORD ->
          "The homeserver "
              + server
              + " refused the password of "
              + account()
              + " (M_FORBIDDEN). Fix matrix.password (or the file matrix.password_file names, or"
              + " MATRIX_PASSWORD), and check matrix.user_id.";
      case TOKEN -> unknownToken("M_FORBIDDEN");
      case SSO ->
          "The homeserver "
              + server
              + " refused the SSO login token (M_FORBIDDEN). A login token works once and only for"
              + " a few minutes: get a fresh one, or remove matrix.login_token to be asked for it.";
      case OIDC ->
          "The homeserver "
              + server
              + " refused the identity provider's token (M_FORBIDDEN). Check matrix.oidc_issuer and"
              + " that the homeserver trusts that provider.";
      case OAUTH ->
          "The homeserver "
              + server
              + " refused the bot's OAuth login (M_FORBIDDEN). Check matrix.auth_type and the"
              + " account's permissions.";
    };
  }

  private String unknownToken(String errcode) {
    return switch (config.authType()) {
      case TOKEN ->
          "The homeserver "
              + server
              + " does not know the access token in matrix.access_token ("
              + errcode
              + "). Put a current token there (or in MATRIX_ACCESS_TOKEN), or set matrix.auth_type"
              + " to password.";
      case OIDC ->
          "The homeserver "
              + server
              + " does not accept the identity provider's token ("
              + errcode
              + "). Check matrix.oidc_issuer and that the homeserver trusts that provider.";
      case SSO ->
          "The homeserver "
              + server
              + " does not accept the SSO login token ("
              + errcode
              + "). Get a fresh one, or remove matrix.login_token to be asked for it.";
      case PASSWORD, OAUTH ->
          "The homeserver "
              + server
              + " ended the bot's session ("
              + errcode
              + ") and a new login did not help. Check the account "
              + account()
              + " and matrix.auth_type.";
    };
  }

  private String oidcRefused(String code) {
    return "The identity provider "
        + config.oidcIssuer()
        + " refused the bot's client credentials ("
        + code
        + "). Fix matrix.oidc_client_id and matrix.oidc_client_secret"
        + (code.equals("invalid_scope") ? ", and check matrix.oidc_scopes." : ".");
  }

  private String account() {
    return config.userId().isBlank() ? "the bot's account" : config.userId();
  }

  /**
   * The token endpoint's error code, when an OAuth answer refused the request. The login code keeps
   * it only in its message ({@code "... refused the token request: invalid_client ..."} or {@code
   * "... (invalid_client)"}), so it is read from there.
   */
  static Optional<String> oauthCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = Optional.ofNullable(t.getMessage()).orElse("").toLowerCase(Locale.ROOT);
      if (!message.contains("identity provider") && !message.contains("token request")) {
        continue;
      }
      for (String code : OAUTH_CODES) {
        if (message.matches("(?s).*\\b" + code + "\\b.*")) {
          return Optional.of(code);
        }
      }
    }
    return Optional.empty();
  }

  static String detail(Throwable failure) {
    return Optional.ofNullable(failure.getMessage()).orElse(failure.getClass().getSimpleName());
  }

  static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
