package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.Sleeper;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sync loop's wait between failed attempts, which {@link #wake} ends early: a part that knows
 * the cause of the failures is gone (the store answers again, the leader lease is renewed) need not
 * wait out a back-off that grew during a long outage. The wait itself goes through the configured
 * {@link Sleeper}, so tests still record and shorten it; waking interrupts the loop thread only
 * while it waits here, and a wake that comes while no wait is under way ends the next one at once.
 */
final class RetryPause {
  /** How a wait ended. */
  enum End {
    /** It lasted as long as asked. */
    ELAPSED,
    /** {@link #wake} ended it (or came just before it began). */
    WOKEN,
    /** The thread was interrupted for another reason: the loop is being stopped. */
    INTERRUPTED
  }

  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private Thread waiting;
  private boolean woken;

  RetryPause(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** Waits {@code wait} on the calling thread, unless woken before or during it. */
  End await(Duration wait) {
    lock.lock();
    try {
      if (woken) {
        woken = false;
        return End.WOKEN;
      }
      waiting = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    try {
      sleeper.sleep(wait);
    } catch (IllegalStateException e) {
      // The Sleeper's way of saying it was interrupted.
      interrupted = true;
    }
    lock.lock();
    try {
      waiting = null;
      if (woken) {
        woken = false;
        // The wake's interrupt may have come after the sleep ended: it is not for the next call.
        Thread.interrupted();
        return End.WOKEN;
      }
      return interrupted ? End.INTERRUPTED : End.ELAPSED;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the wait under way, or else the next one, at once. */
  void wake() {
    lock.lock();
    try {
      woken = true;
      if (waiting != null) {
        waiting.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a wake nobody waited for: the loop works again, so it is not for a later failure. */
  void clear() {
    lock.lock();
    try {
      woken = false;
    } finally {
      lock.unlock();
    }
  }
}
