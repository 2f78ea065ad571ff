package cd.chatrix.matrix.http;

import java.time.Duration;

/** Waits; swapped in tests to record how long the client was told to wait. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = Sleeper::sleepInterruptibly;

  void sleep(Duration duration);

  private static void sleepInterruptibly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
