package cd.chatrix.semaphore;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hears about every HTTP request the client sends to Semaphore's API, retries included, for metrics
 * and health checks. Called on the requesting thread right after the answer (or failure): it must
 * be quick and must not throw; whatever it throws is logged and ignored.
 */
@FunctionalInterface
public interface RequestListener {
  RequestListener NONE = request -> {};

  void requestDone(Request request);

  /** How one request ended, without an answer body. */
  enum Outcome {
    /** A 2xx answer. */
    OK,
    /** 401 or 403: the token is wrong, expired, or lacks the role. */
    UNAUTHORIZED,
    /** Another 4xx answer: Semaphore is up and refused this particular request. */
    CLIENT_ERROR,
    /** A 5xx answer. */
    SERVER_ERROR,
    /** No answer within the request timeout. */
    TIMEOUT,
    /** No answer at all: connection refused, DNS or TLS failure. */
    UNREACHABLE;

    static Outcome of(int status) {
      if (status >= 200 && status < 300) {
        return OK;
      }
      if (status == 401 || status == 403) {
        return UNAUTHORIZED;
      }
      return status >= 500 ? SERVER_ERROR : CLIENT_ERROR;
    }

    /** Whether Semaphore failed (as opposed to answering, even with a refusal). */
    public boolean serverFailed() {
      return this == SERVER_ERROR || this == TIMEOUT || this == UNREACHABLE;
    }
  }

  /**
   * One finished request.
   *
   * @param method the HTTP method
   * @param endpoint the path below {@code /api} with ids replaced by {@code {id}} and without the
   *     query, e.g. {@code /project/{id}/tasks/{id}}: a small fixed set, safe as a metric label
   * @param status the HTTP status, or 0 when there was no answer
   * @param outcome how it ended
   * @param duration from sending to the answer (or the failure)
   */
  record Request(String method, String endpoint, int status, Outcome outcome, Duration duration) {

    private static final Pattern NUMBER = Pattern.compile("/\\d+(?=/|$)");

    /** {@code path} (as the client builds it) reduced to its template. */
    static String endpointOf(String path) {
      int query = path.indexOf('?');
      String bare = query >= 0 ? path.substring(0, query) : path;
      return NUMBER.matcher(bare).replaceAll("/{id}").toLowerCase(Locale.ROOT);
    }
  }
}
