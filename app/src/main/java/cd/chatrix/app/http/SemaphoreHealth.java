package cd.chatrix.app.http;

import cd.chatrix.semaphore.RequestListener;
import java.time.Duration;
import java.util.List;

/**
 * Whether Semaphore's API works, judged from the requests the bot really makes, so {@code /readyz}
 * turns unready on the first failed request instead of at the next probe. The latest answer
 * decides: a 2xx, or a 4xx that refuses one particular request, counts as working; 5xx, timeouts,
 * no connection and a refused token (401/403) count as not. A periodic authenticated request (the
 * app's Semaphore probe) keeps the check fresh and notices recovery while the bot is idle.
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
      case SERVER_ERROR ->
          check.markFailed(
              "Semaphore answered HTTP "
                  + request.status()
                  + " to "
                  + request.method()
                  + " "
                  + request.endpoint());
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

  @Override
  public List<CheckResult> check() {
    return check.check();
  }
}
