package cd.chatrix.app.ops;

import cd.chatrix.semaphore.SemaphoreClient;
import java.time.Duration;

/**
 * Asks Semaphore on a fixed beat so {@code /readyz} knows whether it answers even while no task is
 * being watched: every request reaches the readiness check through the client's request listener
 * ({@link SemaphoreHealth}), so the probe only has to ask. It reads the server information, an
 * authenticated API call, rather than the ping endpoint: ping answers even when the token is
 * revoked or the API fails for want of its database.
 *
 * <p>Its beat is the poll interval ({@code plugins.semaphore_poll.poll_interval}): the client logs
 * an outage the first time a request fails, so with the probe asking that often an operator sees
 * Semaphore down, or a refused token, within one poll interval even while no run is watched. Each
 * answer also keeps the client's idea of the server's version fresh across in-place upgrades.
 */
public final class SemaphoreProbe implements AutoCloseable {
  /** The default poll interval. */
  static final Duration DEFAULT_BEAT = Duration.ofSeconds(10);

  private static final Duration SHORTEST_BEAT = Duration.ofSeconds(1);

  private final SemaphoreClient client;
  private final Duration beat;
  private final Thread loop;

  private SemaphoreProbe(SemaphoreClient client, Duration beat) {
    this.client = client;
    this.beat = beat.compareTo(SHORTEST_BEAT) < 0 ? SHORTEST_BEAT : beat;
    this.loop = Thread.ofVirtual().name("semaphore-probe").unstarted(this::run);
  }

  /** A probe at the default poll interval. */
  static SemaphoreProbe start(SemaphoreClient client) {
    return start(client, DEFAULT_BEAT);
  }

  /**
   * @param beat the poll interval, e.g. {@code
   *     SemaphoreConfigMapping.feedRefresh(config.plugins().semaphorePoll())}
   */
  public static SemaphoreProbe start(SemaphoreClient client, Duration beat) {
    SemaphoreProbe probe = new SemaphoreProbe(client, beat);
    probe.loop.start();
    return probe;
  }

  Duration beat() {
    return beat;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        client.info();
      } catch (RuntimeException e) {
        // Counted by the request listener and logged once by the client; the next beat asks again.
      }
      try {
        Thread.sleep(beat);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    loop.interrupt();
  }
}
