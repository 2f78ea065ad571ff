package cd.chatrix.testkit.semaphore;

import java.time.Instant;

/**
 * One request the simulator received. {@code body} is kept so tests can assert on what was sent;
 * the Authorization header is not recorded.
 *
 * @param status the status the simulator answered with (101 for accepted websocket upgrades)
 */
public record RecordedRequest(
    Instant at, String method, String path, String query, String body, int status) {

  public boolean is(String method, String pathPrefix) {
    return this.method.equals(method) && path.startsWith(pathPrefix);
  }
}
