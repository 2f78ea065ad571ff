package cd.chatrix.app.boot.startup;

import cd.chatrix.semaphore.SemaphoreException;

/**
 * Reads a failed Semaphore request at start-up as a {@link Verdict}. A refused token (401, or 403
 * to a request every user may make) is a configuration error; no connection, a timeout and 5xx
 * answers mean Semaphore is not there yet.
 *
 * @param server Semaphore as the log names it
 * @param password whether the bot logs in with {@code semaphore.username}/{@code password} rather
 *     than an API token
 */
public record SemaphoreFailures(String server, boolean password) {

  public Verdict classify(Throwable failure) {
    return switch (failure) {
      case SemaphoreException.Unauthorized e -> new Verdict.Refuse(refused(401));
      case SemaphoreException.Rejected e when e.status() == 403 -> new Verdict.Refuse(refused(403));
      case SemaphoreException.Unreachable e ->
          new Verdict.Wait(
              NetworkCauses.describe(e).orElse("no connection"), MatrixFailures.detail(e));
      case SemaphoreException.ServerError e ->
          new Verdict.Wait("it answered HTTP " + e.status(), MatrixFailures.detail(e));
      default -> new Verdict.Fail(MatrixFailures.detail(failure));
    };
  }

  private String refused(int status) {
    return password
        ? "Semaphore at "
            + server
            + " refused the bot's login (HTTP "
            + status
            + "). Fix semaphore.username and semaphore.password, or use semaphore.api_token."
        : "Semaphore at "
            + server
            + " refused the bot's API token (HTTP "
            + status
            + "). Create a new token in Semaphore (User → API tokens) and put it in"
            + " semaphore.api_token (or SEMAPHORE_API_TOKEN).";
  }
}
