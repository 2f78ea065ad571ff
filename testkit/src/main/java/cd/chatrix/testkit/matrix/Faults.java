package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Fault injection for retry and outage tests. Faults queue up in the order they are added; each
 * incoming request takes the first matching fault whose count is not used up. {@link #on(String)}
 * narrows the faults added through the returned view to request paths with a prefix.
 *
 * <p>A scope prefix is compared with the request path after its version segment is normalised to
 * {@code v3} (so {@code /_matrix/client/v3/sync} also catches {@code r0}), or, when the prefix does
 * not start with {@code /_matrix}, with the endpoint part (e.g. {@code /sync}, {@code /rooms/}).
 */
public final class Faults {
  /** What the server does instead of answering. */
  sealed interface Fault {
    /** 429 M_LIMIT_EXCEEDED with retry_after_ms. */
    record RateLimit(long retryAfterMs) implements Fault {}

    /** An error status with an M_UNKNOWN body. */
    record Fail(int status) implements Fault {}

    /** The connection is closed without a response. */
    record Drop() implements Fault {}

    /** The request is answered normally, but only after a pause. */
    record Delay(java.time.Duration pause) implements Fault {}
  }

  private static final class Entry {
    final String scope;
    final Fault fault;
    int remaining;

    Entry(String scope, Fault fault, int remaining) {
      this.scope = scope;
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final Object lock;
  private final List<Entry> queue;
  private final String scope;
  private final Accounts accounts;
  private final SyncPause pause;

  Faults(Accounts accounts, SyncPause pause) {
    this(new Object(), new ArrayList<>(), "", accounts, pause);
  }

  private Faults(Object lock, List<Entry> queue, String scope, Accounts accounts, SyncPause pause) {
    this.lock = lock;
    this.queue = queue;
    this.scope = scope;
    this.accounts = accounts;
    this.pause = pause;
  }

  /** A view whose faults only hit requests under the given path prefix. */
  public Faults on(String pathPrefix) {
    return new Faults(lock, queue, pathPrefix, accounts, pause);
  }

  /** The next {@code n} requests get 429 M_LIMIT_EXCEEDED with {@code retry_after_ms}. */
  public Faults rateLimitNext(int n, long retryAfterMs) {
    return add(n, new Fault.RateLimit(retryAfterMs));
  }

  /** The next {@code n} requests get {@code status} with an M_UNKNOWN error body. */
  public Faults failNext(int n, int status) {
    return add(n, new Fault.Fail(status));
  }

  /**
   * The next {@code n} requests have their connection closed without any response. Note that the
   * JDK HttpClient retries an idempotent request (GET) once by itself on such a close, so one drop
   * may never reach the caller's code; drop two to be sure a GET fails.
   */
  public Faults dropConnectionsNext(int n) {
    return add(n, new Fault.Drop());
  }

  /**
   * The next {@code n} requests are answered normally but only after {@code pause}, for client
   * timeout tests.
   */
  public Faults delayNext(int n, java.time.Duration pause) {
    return add(n, new Fault.Delay(pause));
  }

  /**
   * From now on this access token is answered with 401 M_UNKNOWN_TOKEN and {@code soft_logout:
   * true}, as a server does when a token expired; its refresh token (if any) keeps working.
   */
  public Faults expireAccessToken(String accessToken) {
    accounts.expire(accessToken);
    return this;
  }

  /**
   * While paused, /sync calls return nothing new: they wait out their {@code timeout} and answer
   * with the same position. Unpausing wakes waiting calls.
   */
  public Faults pauseSync(boolean paused) {
    pause.set(paused);
    return this;
  }

  /** Forgets every queued fault (in every scope). */
  public Faults clear() {
    synchronized (lock) {
      queue.clear();
    }
    return this;
  }

  private Faults add(int n, Fault fault) {
    if (n < 0) {
      throw new IllegalArgumentException("a fault count cannot be negative, got " + n);
    }
    synchronized (lock) {
      queue.add(new Entry(scope, fault, n));
    }
    return this;
  }

  /** Takes the fault for this request, if one is queued for its path. */
  Optional<Fault> take(String rawPath) {
    String canonical = Router.canonical(rawPath);
    String endpoint = endpointPart(canonical);
    synchronized (lock) {
      Iterator<Entry> it = queue.iterator();
      while (it.hasNext()) {
        Entry entry = it.next();
        if (entry.remaining <= 0) {
          it.remove();
          continue;
        }
        if (matches(entry.scope, canonical, endpoint)) {
          entry.remaining--;
          return Optional.of(entry.fault);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String scope, String canonical, String endpoint) {
    if (scope.isEmpty()) {
      return true;
    }
    if (scope.startsWith("/_matrix")) {
      return canonical.startsWith(Router.canonical(scope));
    }
    return endpoint.startsWith(scope);
  }

  private static String endpointPart(String canonical) {
    String[] parts = canonical.split("/", 5);
    return parts.length == 5 && parts[1].equals("_matrix") ? "/" + parts[4] : canonical;
  }
}
