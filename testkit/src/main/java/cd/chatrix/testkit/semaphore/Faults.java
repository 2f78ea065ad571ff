package cd.chatrix.testkit.semaphore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Switches for misbehaviour. All start off.
 *
 * <p>Two families. The old counted switch ({@link #failNext}) answers a bare status from the API
 * itself. {@link #inject} answers what a server or the proxy in front of it really sends in an
 * outage, per endpoint, either a number of times or until the fault is {@link Fault#lift lifted}:
 * see {@link Kind} for each answer and where its shape comes from. Injected faults are served at
 * the simulator's front door, so connection resets and silent reads are real socket behaviour.
 */
public final class Faults {
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean refuseWebsockets;
  private final List<Fault> injected = new CopyOnWriteArrayList<>();
  private final Runnable dropWebsockets;

  Faults(Runnable dropWebsockets) {
    this.dropWebsockets = dropWebsockets;
  }

  /**
   * What goes wrong. Semaphore itself answers API errors with an empty {@code application/json}
   * body (semaphore-api.md §1.4, §5.3); anything with an HTML body comes from a proxy in front.
   */
  public enum Kind {
    /**
     * 404 {@code text/plain} "Not Found": Semaphore's answer for a path its router does not know
     * (servePublic, semaphore-api.md §0), i.e. what a wrong base path, a misrouting proxy or a
     * half-upgraded server gives. Semaphore's own "no such project" 404 is JSON and not a fault.
     */
    NOT_FOUND,
    /**
     * 429 with {@code Retry-After: 1} and an HTML page. Semaphore has no rate limiter (§5.2); a
     * reverse proxy does: nginx's ngx_http_limit_req_module with {@code limit_req_status 429} (its
     * default is 503), and RFC 6585 §4 lets it say when to come back.
     */
    RATE_LIMITED,
    /** 500 with an empty JSON body, as Semaphore fails when its database does (§1.4). */
    SERVER_ERROR,
    /** 502 with nginx's HTML error page: the proxy is up, Semaphore behind it is not. */
    BAD_GATEWAY,
    /** The request is read, then the connection is reset (RST) without an answer. */
    CONNECTION_RESET,
    /** The request is read and never answered, until the fault is lifted or the client gives up. */
    READ_TIMEOUT,
    /**
     * The request is handled (a start makes its task), then its answer is held until the fault is
     * lifted or the client gives up: an answer lost on its way back, as when the client dies right
     * after sending. Semaphore inserts the task before it writes its 201 (semaphore-api.md §2.5).
     */
    ANSWER_LOST,
    /** 200 with an HTML sign-in page: an authenticating proxy, or a URL that is not Semaphore. */
    NOT_JSON,
    /**
     * 401 with an empty JSON body: Semaphore refusing the token (revoked or expired, §1.1, §1.4).
     */
    TOKEN_REFUSED,
    /** {@code /api/ws} upgrades get 503 (a proxy refusing websockets); open sockets are cut. */
    WS_REFUSE,
    /** {@code /api/ws} upgrades succeed and are cut at once; open sockets are cut too. */
    WS_DROP;

    boolean websocket() {
      return this == WS_REFUSE || this == WS_DROP;
    }
  }

  /**
   * Which requests a fault hits: {@code method} ({@code *} for any) and a regular expression the
   * whole path must match, e.g. {@code GET /api/project/\d+/tasks/last}.
   */
  public record Endpoint(String method, Pattern path) {
    public static Endpoint of(String method, String pathRegex) {
      return new Endpoint(method, Pattern.compile(pathRegex));
    }

    /** The websocket, {@code GET /api/ws}. */
    public static Endpoint websocket() {
      return of("GET", "/api/ws/?");
    }

    boolean matches(String m, String p) {
      return (method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
    }

    @Override
    public String toString() {
      return method + " " + path.pattern();
    }
  }

  /** One injected fault; {@link #lift} ends it. */
  public final class Fault {
    private final Kind kind;
    private final Endpoint endpoint;
    private final AtomicLong left;
    private final AtomicLong hits = new AtomicLong();
    private volatile boolean lifted;

    private Fault(Kind kind, Endpoint endpoint, long count) {
      this.kind = kind;
      this.endpoint = endpoint;
      this.left = new AtomicLong(count);
    }

    public Kind kind() {
      return kind;
    }

    public Endpoint endpoint() {
      return endpoint;
    }

    /** Requests this fault has answered so far. */
    public long hits() {
      return hits.get();
    }

    public boolean lifted() {
      return lifted || left.get() <= 0;
    }

    /** Ends the fault: later requests are served normally; a held read is let go (closed). */
    public void lift() {
      lifted = true;
      injected.remove(this);
    }

    boolean take(String method, String path) {
      if (lifted || !endpoint.matches(method, path)) {
        return false;
      }
      if (left.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) {
        injected.remove(this);
        return false;
      }
      hits.incrementAndGet();
      return true;
    }
  }

  /** Injects {@code kind} on {@code endpoint} until {@link Fault#lift}. */
  public Fault inject(Kind kind, Endpoint endpoint) {
    return inject(kind, endpoint, Long.MAX_VALUE);
  }

  /** Injects {@code kind} on the next {@code count} requests to {@code endpoint}. */
  public Fault inject(Kind kind, Endpoint endpoint, long count) {
    Fault f = new Fault(kind, endpoint, count);
    injected.add(f);
    if (kind.websocket()) {
      dropWebsockets.run();
    }
    return f;
  }

  /** Lifts every injected fault. */
  public Faults liftAll() {
    injected.forEach(Fault::lift);
    return this;
  }

  /**
   * The next {@code count} API requests (except ping and websocket upgrades) answer {@code status}.
   */
  public Faults failNext(int count, int status) {
    failureStatus = status;
    failuresLeft.set(count);
    return this;
  }

  /** Every API request waits this long before it is handled. */
  public Faults latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** While true, websocket upgrades are answered with 503 so a client stays on its fallback. */
  public Faults refuseWebsockets(boolean refuse) {
    this.refuseWebsockets = refuse;
    return this;
  }

  public Faults reset() {
    failuresLeft.set(0);
    latency = Duration.ZERO;
    refuseWebsockets = false;
    liftAll();
    return this;
  }

  /** The injected fault that answers this request, if any (and counts it). */
  Optional<Fault> take(String method, String path) {
    for (Fault f : injected) {
      if (f.take(method, path)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  boolean takeFailure() {
    return failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  int failureStatus() {
    return failureStatus;
  }

  Duration latency() {
    return latency;
  }

  boolean refuseWebsockets() {
    return refuseWebsockets;
  }
}
