package cd.chatrix.matrix.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that an endpoint of a server stopped working, and once that it works again. Retries
 * happen in several places (the retry layer, the sync loop, the send queue); each attempt is a
 * DEBUG line there, and this is the one WARN an operator reads: which host, which endpoint, why,
 * and later for how long and how many attempts failed.
 */
public final class Outages {
  private static final Logger LOG = LoggerFactory.getLogger(Outages.class);

  /** Endpoints are templated, so this bounds memory against odd paths only. */
  private static final int MAX_TRACKED = 512;

  private record Key(String host, String endpoint) {}

  private static final class Down {
    final Instant since;
    int attempts = 1;

    Down(Instant since) {
      this.since = since;
    }
  }

  private final Clock clock;
  private final Map<Key, Down> down = new LinkedHashMap<>();
  private final Map<Key, Boolean> worked = new LinkedHashMap<>();

  public Outages(Clock clock) {
    this.clock = clock;
  }

  public Outages() {
    this(Clock.systemUTC());
  }

  /**
   * A request to {@code endpoint} on {@code host} failed for a passing reason. The first failure of
   * an outage is logged at WARN; later ones are counted.
   */
  public void failed(String host, String endpoint, String cause) {
    Key key = new Key(host, endpoint);
    boolean first;
    synchronized (this) {
      Down current = down.get(key);
      first = current == null;
      if (first) {
        trim(down);
        down.put(key, new Down(clock.instant()));
      } else {
        current.attempts++;
      }
    }
    if (first) {
      LOG.warn(
          "Matrix server {}: {} fails: {}. Retrying with back-off; a line follows when it works"
              + " again.",
          host,
          endpoint,
          cause);
    } else {
      LOG.debug("Matrix server {}: {} still fails: {}", host, endpoint, cause);
    }
  }

  /** A request to {@code endpoint} on {@code host} got a usable answer. */
  public void succeeded(String host, String endpoint) {
    Key key = new Key(host, endpoint);
    Down ended;
    synchronized (this) {
      ended = down.remove(key);
      if (!worked.containsKey(key)) {
        trim(worked);
        worked.put(key, Boolean.TRUE);
      }
    }
    if (ended != null) {
      Duration out = Duration.between(ended.since, clock.instant());
      LOG.info(
          "Matrix server {}: {} works again after {} ({} failed attempt{})",
          host,
          endpoint,
          human(out),
          ended.attempts,
          ended.attempts == 1 ? "" : "s");
    }
  }

  /** Whether {@code endpoint} answered well at least once, so a "not known" now is news. */
  public synchronized boolean hasWorked(String host, String endpoint) {
    return worked.containsKey(new Key(host, endpoint));
  }

  /** Whether an outage of {@code endpoint} is going on. */
  public synchronized boolean isDown(String host, String endpoint) {
    return down.containsKey(new Key(host, endpoint));
  }

  private static <V> void trim(Map<Key, V> map) {
    if (map.size() >= MAX_TRACKED) {
      map.remove(map.keySet().iterator().next());
    }
  }

  private static String human(Duration d) {
    if (d.toSeconds() >= 120) {
      return d.toMinutes() + " min";
    }
    if (d.toMillis() >= 10_000) {
      return d.toSeconds() + " s";
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
