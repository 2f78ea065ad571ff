package cd.chatrix.semaphore;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log, once, when Semaphore stops answering properly and once when it is back: one WARN
 * per change of problem (naming the host, the request and what to check), one INFO on recovery. A
 * failing request is retried and repeated by pollers and probes many times in an outage; without
 * this the log would either say nothing at the default level or say the same thing every second.
 *
 * <p>Problems are kept per endpoint, because a proxy can break one route and not the others: the
 * outage ends when every endpoint that failed has answered again. An endpoint that has not failed
 * for {@link #QUIET} while others answer is taken as healed, so a route used once (a command) does
 * not keep an outage open forever.
 */
final class Outages {
  private static final Logger LOG = LoggerFactory.getLogger(Outages.class);
  static final Duration QUIET = Duration.ofSeconds(30);

  /** How Semaphore failed; a change of kind is worth a new warning. */
  enum Kind {
    UNREACHABLE,
    TIMEOUT,
    TOKEN_REFUSED,
    FORBIDDEN,
    FAILING
  }

  /**
   * @param what the request, e.g. {@code GET /api/project/1/tasks/last}
   * @param advice the whole warning after the host, written for an operator
   */
  record Problem(Kind kind, String what, String advice) {}

  private record Entry(Problem problem, long firstNanos, long lastNanos) {}

  private final String host;
  private final LongSupplier nanos;
  private final Map<String, Entry> failing = new HashMap<>();

  /** When each endpoint last answered: one entry per endpoint template the bot uses. */
  private final Map<String, Long> lastAnswered = new HashMap<>();

  private final AtomicLong recoveries = new AtomicLong();
  private long outageStart;

  Outages(String host) {
    this(host, System::nanoTime);
  }

  Outages(String host, LongSupplier nanos) {
    this.host = host;
    this.nanos = nanos;
  }

  /** Outages that have ended so far: a change tells a cache that the server may have restarted. */
  long recoveries() {
    return recoveries.get();
  }

  /** Whether some endpoint is failing right now. */
  synchronized boolean down() {
    return !failing.isEmpty();
  }

  /**
   * A request to {@code endpoint} (its template), sent at {@code sentNanos}, failed. When the
   * endpoint has answered since that request was sent, its failure is old news (a request held
   * through the outage that gave up after the server was back) and neither opens an outage nor says
   * one again.
   */
  void failed(String endpoint, Problem problem, long sentNanos) {
    boolean warn;
    synchronized (this) {
      Long answered = lastAnswered.get(endpoint);
      if (answered != null && answered - sentNanos > 0) {
        LOG.debug(
            "Semaphore at {}: {} failed ({}), but it has answered since it was sent",
            host,
            problem.what(),
            problem.kind());
        return;
      }
      long now = nanos.getAsLong();
      if (failing.isEmpty()) {
        outageStart = now;
      }
      Entry before = failing.get(endpoint);
      boolean sameElsewhere =
          failing.entrySet().stream()
              .anyMatch(e ->
                  !e.getKey().equals(endpoint) && e.getValue().problem().kind() == problem.kind());
      warn = (before == null || before.problem().kind() != problem.kind()) && !sameElsewhere;
      failing.put(endpoint, new Entry(problem, before == null ? now : before.firstNanos(), now));
    }
    if (warn) {
      LOG.warn("Semaphore at {} {}", host, problem.advice());
    } else {
      LOG.debug("Semaphore at {}: {} failed again ({})", host, problem.what(), problem.kind());
    }
  }

  /** A request to {@code endpoint} got a proper answer ({@code what} names it for the log). */
  void answered(String endpoint, String what) {
    long downFor;
    synchronized (this) {
      long now = nanos.getAsLong();
      lastAnswered.put(endpoint, now);
      if (failing.isEmpty()) {
        return;
      }
      failing.remove(endpoint);
      for (Iterator<Entry> it = failing.values().iterator(); it.hasNext(); ) {
        if (now - it.next().lastNanos() > QUIET.toNanos()) {
          it.remove();
        }
      }
      if (!failing.isEmpty()) {
        return;
      }
      downFor = now - outageStart;
      recoveries.incrementAndGet();
    }
    LOG.info(
        "Semaphore at {} answers again ({} works); it had been failing for {}",
        host,
        what,
        human(Duration.ofNanos(downFor)));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 1) {
      return "under a second";
    }
    if (s < 120) {
      return s + " s";
    }
    return s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
  }
}
