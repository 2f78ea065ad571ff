package cd.chatrix.testkit.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for retry and outage tests. Faults queue up in the order they are added; each
 * incoming request takes the first matching fault that is still on: a counted one until its count
 * is used up, an outage ({@link #fail(Kind)}) until it is {@linkplain Outage#lift() lifted}. {@link
 * #on(String)} narrows the faults added through the returned view to request paths with a prefix.
 *
 * <p>A scope prefix is compared with the request path after its version segment is normalised to
 * {@code v3} (so {@code /_matrix/client/v3/sync} also catches {@code r0}), or, when the prefix does
 * not start with {@code /_matrix}, with the endpoint part (e.g. {@code /sync}, {@code /rooms/}). A
 * {@code *} in a scope stands for one path segment (<code>/rooms/&#42;/send/</code>). {@link
 * #whereBody(String)} narrows further to requests whose body contains a text (an edit is a {@code
 * /send} whose body has {@code m.new_content}).
 */
public final class Faults {

  /**
   * The outages of the fault matrix. Each stands for something a homeserver, or what sits in front
   * of it, really does; the javadoc says what.
   */
  public enum Kind {
    /**
     * {@code 404 {"errcode":"M_UNRECOGNIZED"}}: the server does not know the endpoint, as after a
     * downgrade or behind a misrouting proxy (spec: client-server API, "Common error codes":
     * M_UNRECOGNIZED comes with 404 when the endpoint is not implemented). Synapse 1.67 answers
     * unknown endpoints with 400 instead; {@link Dialect#SYNAPSE_1_67} models that.
     */
    UNRECOGNIZED,
    /**
     * {@code 429 M_LIMIT_EXCEEDED} with {@code retry_after_ms} (and a Retry-After header), as a
     * server's rate limiter answers (spec: "Rate limiting"; Synapse's ratelimiting sends both).
     */
    RATE_LIMITED,
    /** {@code 500 M_UNKNOWN}: the homeserver itself failed (a bug, its database away). */
    SERVER_ERROR,
    /**
     * {@code 502} with an HTML page, as a reverse proxy (nginx, Caddy, a load balancer) answers
     * while the homeserver behind it restarts; the body is not a Matrix error.
     */
    BAD_GATEWAY_HTML,
    /**
     * The connection ends without any answer, as when a proxy or the server process dies
     * mid-request. The JDK server API cannot send a TCP RST, so the socket is closed instead; the
     * client sees the same thing (an I/O error and no status) either way.
     */
    CONNECTION_RESET,
    /**
     * The request is carried out, but its answer is held back until the outage is lifted (or two
     * minutes pass) and then the connection closes unanswered: a server or proxy that stalls longer
     * than the client waits. A client that gives up meanwhile must resend without doing the work
     * twice (that is what transaction ids are for).
     */
    READ_TIMEOUT,
    /**
     * {@code 200} with an HTML body: a captive portal, a misrouted proxy or a maintenance page that
     * answers "OK" for every path.
     */
    NOT_JSON
  }

  /** What the server does instead of answering. */
  sealed interface Fault {
    /** 429 M_LIMIT_EXCEEDED with retry_after_ms. */
    record RateLimit(long retryAfterMs) implements Fault {}

    /** An error status with a Matrix error body. */
    record Fail(int status, String errcode) implements Fault {}

    /** A status with an HTML body, not a Matrix error. */
    record Html(int status) implements Fault {}

    /** The connection is closed without a response. */
    record Drop() implements Fault {}

    /** The request is answered normally, but only after a pause. */
    record Delay(Duration pause) implements Fault {}

    /** The request is carried out, its answer held until released, then the connection closed. */
    record Hold(Outage until, Duration atMost) implements Fault {}

    /** {@code 200 {}} as if done, but nothing is done: a message accepted and then lost. */
    record Lose() implements Fault {}
  }

  /** A fault that stays on until lifted; counts the requests it hit. */
  public static final class Outage implements AutoCloseable {
    private final CountDownLatch lifted = new CountDownLatch(1);
    private final AtomicInteger hits = new AtomicInteger();

    private Outage() {}

    /** Ends the outage: later requests are answered normally, held ones are let go. */
    public void lift() {
      lifted.countDown();
    }

    public boolean isLifted() {
      return lifted.getCount() == 0;
    }

    /** How many requests the outage answered (or held) so far. */
    public int hits() {
      return hits.get();
    }

    /** Waits until lifted or {@code atMost} passed; true when lifted. */
    boolean awaitLift(Duration atMost) throws InterruptedException {
      return lifted.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      lift();
    }
  }

  /** How long a {@link Kind#READ_TIMEOUT} holds an answer at most if nobody lifts it. */
  static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

  /** The wait a {@link Kind#RATE_LIMITED} outage asks for, unless told otherwise. */
  static final long DEFAULT_RETRY_AFTER_MS = 500;

  private static final class Entry {
    final String scope;
    final Optional<String> bodyPart;
    final Fault fault;
    final Optional<Outage> outage;
    int remaining;

    Entry(
        String scope, Optional<String> bodyPart, Fault fault, Optional<Outage> outage, int count) {
      this.scope = scope;
      this.bodyPart = bodyPart;
      this.fault = fault;
      this.outage = outage;
      this.remaining = count;
    }

    boolean spent() {
      return outage.map(Outage::isLifted).orElse(remaining <= 0);
    }
  }

  private final Object lock;
  private final List<Entry> queue;
  private final String scope;
  private final Optional<String> bodyPart;
  private final Accounts accounts;
  private final SyncPause pause;

  Faults(Accounts accounts, SyncPause pause) {
    this(new Object(), new ArrayList<>(), "", Optional.empty(), accounts, pause);
  }

  private Faults(
      Object lock,
      List<Entry> queue,
      String scope,
      Optional<String> bodyPart,
      Accounts accounts,
      SyncPause pause) {
    this.lock = lock;
    this.queue = queue;
    this.scope = scope;
    this.bodyPart = bodyPart;
    this.accounts = accounts;
    this.pause = pause;
  }

  /** A view whose faults only hit requests under the given path prefix. */
  public Faults on(String pathPrefix) {
    return new Faults(lock, queue, pathPrefix, bodyPart, accounts, pause);
  }

  /** A view whose faults only hit requests whose body contains {@code text}. */
  public Faults whereBody(String text) {
    return new Faults(lock, queue, scope, Optional.of(text), accounts, pause);
  }

  /**
   * From now on, until the returned outage is lifted, every request in this view's scope meets
   * {@code kind}. A {@link Kind#RATE_LIMITED} outage asks for {@value #DEFAULT_RETRY_AFTER_MS} ms.
   */
  public Outage fail(Kind kind) {
    Outage outage = new Outage();
    Fault fault =
        switch (kind) {
          case UNRECOGNIZED -> new Fault.Fail(404, "M_UNRECOGNIZED");
          case RATE_LIMITED -> new Fault.RateLimit(DEFAULT_RETRY_AFTER_MS);
          case SERVER_ERROR -> new Fault.Fail(500, "M_UNKNOWN");
          case BAD_GATEWAY_HTML -> new Fault.Html(502);
          case CONNECTION_RESET -> new Fault.Drop();
          case READ_TIMEOUT -> new Fault.Hold(outage, LONGEST_HOLD);
          case NOT_JSON -> new Fault.Html(200);
        };
    return addOutage(fault, outage);
  }

  /**
   * An outage answering {@code status} with a Matrix error {@code errcode} until lifted, for
   * refusals a scenario needs besides the matrix's kinds (e.g. a refresh token the server forgot:
   * 401 M_UNKNOWN_TOKEN).
   */
  public Outage failWith(int status, String errcode) {
    return addOutage(new Fault.Fail(status, errcode), new Outage());
  }

  /** A rate-limit outage asking for {@code retryAfterMs} on every request until lifted. */
  public Outage rateLimited(long retryAfterMs) {
    return addOutage(new Fault.RateLimit(retryAfterMs), new Outage());
  }

  /** The next {@code n} requests get 429 M_LIMIT_EXCEEDED with {@code retry_after_ms}. */
  public Faults rateLimitNext(int n, long retryAfterMs) {
    return add(n, new Fault.RateLimit(retryAfterMs));
  }

  /** The next {@code n} requests get {@code status} with an M_UNKNOWN error body. */
  public Faults failNext(int n, int status) {
    return add(n, new Fault.Fail(status, "M_UNKNOWN"));
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
   * The next {@code n} requests are answered {@code 200 {}} but never carried out: the server
   * accepted a to-device message and lost it before any recipient synced it, as Synapse does with
   * federated to-device messages when it cannot reach its workers (element-hq/synapse issue 17117).
   * The sender has no way to notice; only the recipient can ask again.
   */
  public Faults loseNext(int n) {
    return add(n, new Fault.Lose());
  }

  /**
   * The next {@code n} requests are answered normally but only after {@code pause}, for client
   * timeout tests.
   */
  public Faults delayNext(int n, Duration pause) {
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

  /** Forgets every queued fault (in every scope) and lifts every outage. */
  public Faults clear() {
    synchronized (lock) {
      queue.forEach(e -> e.outage.ifPresent(Outage::lift));
      queue.clear();
    }
    return this;
  }

  private Faults add(int n, Fault fault) {
    if (n < 0) {
      throw new IllegalArgumentException("a fault count cannot be negative, got " + n);
    }
    synchronized (lock) {
      queue.add(new Entry(scope, bodyPart, fault, Optional.empty(), n));
    }
    return this;
  }

  private Outage addOutage(Fault fault, Outage outage) {
    synchronized (lock) {
      queue.add(new Entry(scope, bodyPart, fault, Optional.of(outage), 0));
    }
    return outage;
  }

  /** Takes the fault for this request, if one is on for its path and body. */
  Optional<Fault> take(String rawPath, byte[] body) {
    String canonical = Router.canonical(rawPath);
    String endpoint = endpointPart(canonical);
    synchronized (lock) {
      Iterator<Entry> it = queue.iterator();
      while (it.hasNext()) {
        Entry entry = it.next();
        if (entry.spent()) {
          it.remove();
          continue;
        }
        if (matches(entry.scope, canonical, endpoint) && bodyMatches(entry.bodyPart, body)) {
          entry.remaining--;
          entry.outage.ifPresent(o -> o.hits.incrementAndGet());
          return Optional.of(entry.fault);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean bodyMatches(Optional<String> part, byte[] body) {
    return part.isEmpty()
        || new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(part.get());
  }

  private static boolean matches(String scope, String canonical, String endpoint) {
    if (scope.isEmpty()) {
      return true;
    }
    String prefix = scope.startsWith("/_matrix") ? Router.canonical(scope) : scope;
    String path = scope.startsWith("/_matrix") ? canonical : endpoint;
    if (!prefix.contains("*")) {
      return path.startsWith(prefix);
    }
    StringBuilder regex = new StringBuilder();
    String[] parts = prefix.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      regex.append(java.util.regex.Pattern.quote(parts[i]));
      if (i + 1 < parts.length) {
        regex.append("[^/]+");
      }
    }
    return java.util.regex.Pattern.compile(regex.toString()).matcher(path).lookingAt();
  }

  private static String endpointPart(String canonical) {
    String[] parts = canonical.split("/", 5);
    return parts.length == 5 && parts[1].equals("_matrix") ? "/" + parts[4] : canonical;
  }
}
