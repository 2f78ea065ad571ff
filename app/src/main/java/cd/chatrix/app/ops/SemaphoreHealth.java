package cd.chatrix.app.ops;

import cd.chatrix.semaphore.RequestListener;
import java.time.Duration;
import java.util.List;

/**
 * Whether Semaphore's API works, judged from the requests the bot really makes, so {@code /readyz}
 * turns unready on the first failed request instead of at the next probe. The latest answer
 * decides: a 2xx, or a 4xx that refuses one particular request, counts as working; 5xx, timeouts,
 * no connection, a refused token (401/403), and what a proxy answers in Semaphore's place (429, a
 * 404 or a body that is not JSON) count as not. A periodic authenticated request (the app's
 * Semaphore probe) keeps the check fresh and notices recovery while the bot is idle.
 */
public final class SemaphoreHealth implements ReadinessCheck, RequestListener {
  static final String NAME = "semaphore";

  private final FreshnessCheck check;

  /**
   * @param maxAge how long without a working answer still counts as ready
   */
  public SemaphoreHealth(Duration maxAge) {
    this.check = new FreshnessCheck(NAME, maxAge);
  }

  @Override
  public void requestDone(Request request) {
    switch (request.outcome()) {
      case OK, CLIENT_ERROR -> check.markOk();
      case UNAUTHORIZED ->
          check.markFailed(
              "Semaphore refuses the bot's API token (HTTP "
                  + request.status()
                  + "); create a new token and update semaphore.api_token");
      case SERVER_ERROR -> check.markFailed(serverError(request));
      case TIMEOUT ->
          check.markFailed(
              "Semaphore did not answer "
                  + request.method()
                  + " "
                  + request.endpoint()
                  + " in time");
      case UNREACHABLE -> check.markFailed("Semaphore cannot be reached (no connection)");
    }
  }

  /**
   * The client counts as server failures what a proxy says for it too: a 2xx that is not the API's
   * JSON, a 429 rate limit and a 404 from outside the API.
   */
  private static String serverError(Request request) {
    String call = request.method() + " " + request.endpoint();
    return switch (request.status()) {
      case 429 ->
          "Semaphore (or the proxy in front of it) is limiting the bot's requests (HTTP 429 to "
              + call
              + ")";
      case 404 -> "Semaphore's address has no API at " + call + " (HTTP 404 from outside the API)";
      default ->
          request.status() < 300
              ? "Semaphore answered " + call + " with something that is not its API's JSON"
              : "Semaphore answered HTTP " + request.status() + " to " + call;
    };
  }

  @Override
  public List<CheckResult> check() {
    return check.check();
  }
}
