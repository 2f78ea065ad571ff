package cd.chatrix.semaphore;

import java.util.Optional;

/**
 * Why a Semaphore call failed. Each kind carries a message a chat user can act on; none of them
 * ever includes a token or password.
 */
public abstract sealed class SemaphoreException extends RuntimeException
    permits SemaphoreException.Unauthorized,
        SemaphoreException.NotFound,
        SemaphoreException.Rejected,
        SemaphoreException.Unreachable,
        SemaphoreException.ServerError {

  private SemaphoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The token (or password) is wrong, expired or revoked. */
  public static final class Unauthorized extends SemaphoreException {
    public Unauthorized(String message) {
      super(message, null);
    }
  }

  /**
   * The object does not exist or is hidden: Semaphore answers 404 for projects the bot is not a
   * member of and 400 for tasks that are unknown or belong to another project.
   */
  public static final class NotFound extends SemaphoreException {
    public NotFound(String message) {
      super(message, null);
    }
  }

  /**
   * Semaphore understood the request and refused it (400/403/409), with its own explanation when it
   * gave one.
   */
  public static final class Rejected extends SemaphoreException {
    private final int status;
    private final String serverMessage;

    public Rejected(int status, String serverMessage, String message) {
      super(message, null);
      this.status = status;
      this.serverMessage = serverMessage;
    }

    public int status() {
      return status;
    }

    /** The {@code error} text of Semaphore's body, if it sent one. */
    public Optional<String> serverMessage() {
      return serverMessage.isBlank() ? Optional.empty() : Optional.of(serverMessage);
    }
  }

  /** No HTTP answer: DNS, connection refused, TLS failure or timeout. */
  public static final class Unreachable extends SemaphoreException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Semaphore, or the proxy in front of it, could not serve the request: 5xx, 429, a 404 that did
   * not come from its API, or a body that is not JSON. Retrying later may help.
   */
  public static final class ServerError extends SemaphoreException {
    private final int status;

    public ServerError(int status, String message) {
      super(message, null);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
