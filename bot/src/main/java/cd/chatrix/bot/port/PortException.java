package cd.chatrix.bot.port;

/**
 * A port could not do what was asked (server down, refused, timed out). The message is shown to
 * users, so adapters put there what went wrong in plain words and never a secret.
 */
public class PortException extends RuntimeException {
  public PortException(String message) {
    super(message);
  }

  public PortException(String message, Throwable cause) {
    super(message, cause);
  }
}
