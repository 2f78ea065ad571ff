package cd.chatrix.semaphore.watch;

import java.time.Duration;

/** Stopping the one background thread a poller or push listener runs its loop on. */
final class Loops {
  private Loops() {}

  /**
   * Interrupts the loop and waits a few seconds for it to end, so a closed watcher stops talking to
   * Semaphore; a loop that never started has nothing to wait for.
   */
  static void stop(Thread loop) {
    loop.interrupt();
    if (loop.getState() == Thread.State.NEW) {
      return;
    }
    try {
      loop.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
