package cd.chatrix.app.boot.console;

import cd.chatrix.app.tui.StatusSnapshot;
import cd.chatrix.semaphore.SemaphoreClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether Semaphore answers and which version it runs, asked ({@code GET /api/info}, one request)
 * on a background virtual thread at most once per beat, so the console's once-a-second status read
 * never waits on the network. A refused token counts as unreachable, as in the bot's {@code ping}.
 */
final class SemaphoreStatus implements AutoCloseable {
  static final Duration BEAT = Duration.ofSeconds(30);

  private final SemaphoreClient client;
  private final Duration beat;
  private final AtomicReference<StatusSnapshot.Semaphore> last =
      new AtomicReference<>(new StatusSnapshot.Semaphore(false, ""));
  private final Thread loop;

  SemaphoreStatus(SemaphoreClient client, Duration beat) {
    this.client = client;
    this.beat = beat;
    this.loop = Thread.ofVirtual().name("tui-semaphore-status").start(this::run);
  }

  StatusSnapshot.Semaphore current() {
    return last.get();
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      last.set(ask());
      try {
        Thread.sleep(beat);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private StatusSnapshot.Semaphore ask() {
    // One request, as the bot's ping asks: an answer from the authenticated info endpoint says
    // that Semaphore is up and takes the token, and carries the version; /api/ping adds nothing.
    try {
      return new StatusSnapshot.Semaphore(true, client.info().version());
    } catch (RuntimeException e) {
      return new StatusSnapshot.Semaphore(false, last.get().version());
    }
  }

  @Override
  public void close() {
    loop.interrupt();
  }
}
