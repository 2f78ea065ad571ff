package cd.chatrix.app;

import cd.chatrix.app.http.CheckResult;
import cd.chatrix.app.http.FreshnessCheck;
import cd.chatrix.app.http.ReadinessCheck;
import cd.chatrix.semaphore.SemaphoreClient;
import java.time.Duration;
import java.util.List;

/**
 * Asks Semaphore on a fixed beat so {@code /readyz} knows whether it answers even while no task is
 * being watched (the watcher alone would only notice when it has something to ask). It reads the
 * server information, an authenticated API call, rather than the ping endpoint: ping answers even
 * when the token is revoked or the API fails for want of its database.
 */
final class SemaphoreProbe implements ReadinessCheck, AutoCloseable {
  private static final Duration BEAT = Duration.ofSeconds(30);

  private final SemaphoreClient client;
  private final FreshnessCheck check = new FreshnessCheck("semaphore", BEAT.multipliedBy(3));
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
        check.markOk();
      } catch (RuntimeException e) {
        check.markFailed(e.getMessage());
      }
      try {
        Thread.sleep(BEAT);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public List<CheckResult> check() {
    return check.check();
  }

  @Override
  public void close() {
    loop.interrupt();
  }
}
