package cd.chatrix.app.adapter.matrix;

import cd.chatrix.matrix.auth.MatrixOAuthDeviceLogin;
import java.io.Console;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How interactive logins reach the operator when there is no TUI: a pasted SSO token is read from
 * the terminal (hidden), and the device code to approve is written to the log, which is where an
 * operator of a log-only or daemon process looks.
 */
public final class OperatorPrompts {
  private static final Logger log = LoggerFactory.getLogger(OperatorPrompts.class);

  private OperatorPrompts() {}

  public static MatrixSetup.Operator console() {
    return new MatrixSetup.Operator(
        OperatorPrompts::readSsoToken,
        (uri, code, complete, expiresIn) ->
            log.warn(
                "Approve ChatrixCD's login: open {} and enter the code {} within {} minutes",
                complete.orElse(uri),
                code,
                Math.max(1, expiresIn.toMinutes())),
        new MatrixOAuthDeviceLogin.ClientMetadata(
            "ChatrixCD", URI.create("https://github.com/chatrixcd/chatrixcd")));
  }

  private static String readSsoToken() {
    Console console = System.console();
    if (console == null || !console.isTerminal()) {
      throw new IllegalStateException(
          "SSO login needs a login token: set matrix.login_token, or start once on a terminal"
              + " to paste it");
    }
    char[] pasted =
        console.readPassword(
            "Log in through your browser, then paste the login token or the whole redirect URL: ");
    if (pasted == null || pasted.length == 0) {
      throw new IllegalStateException("No login token was pasted");
    }
    return new String(pasted).strip();
  }
}
