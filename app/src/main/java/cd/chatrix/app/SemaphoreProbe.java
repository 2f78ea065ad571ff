package cd.chatrix.app;

import cd.chatrix.semaphore.SemaphoreClient;
import java.time.Duration;

/**
 * Asks Semaphore on a fixed beat so {@code /readyz} knows whether it answers even while no task is
 * being watched: every request reaches the readiness check through the client's request listener
 * ({@link cd.chatrix.app.http.SemaphoreHealth}), so the probe only has to ask. It reads the server
 * information, an authenticated API call, rather than the ping endpoint: ping answers even when the
 * token is revoked or the API fails for want of its database.
 */
final class SemaphoreProbe implements AutoCloseable {
  private static final Duration BEAT = Duration.ofSeconds(30);

  private final SemaphoreClient client;
  private final Thread loop;

  private SemaphoreProbe(SemaphoreClient client) {
    this.client = client;
    this.loop = Thread.ofVirtual().name("semaphore-probe").unstarted(this::run);
  }

  static SemaphoreProbe start(SemaphoreClient client) {
    SemaphoreProbe probe = new SemaphoreProbe(client);
    probe.loop.start();
    return probe;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        client.info();
      } catch (RuntimeException e) {
        // Already counted by the request listener; the next beat asks again.
      }
      try {
        Thread.sleep(BEAT);
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
