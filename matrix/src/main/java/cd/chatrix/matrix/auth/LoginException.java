package cd.chatrix.matrix.auth;

/** A login could not be completed; the message says what the operator can change. */
public final class LoginException extends RuntimeException {
  public LoginException(String message) {
    super(message);
  }

  public LoginException(String message, Throwable cause) {
    super(message, cause);
  }
}
