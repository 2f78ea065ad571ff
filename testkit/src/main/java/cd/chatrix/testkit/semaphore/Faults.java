package cd.chatrix.testkit.semaphore;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Switches for misbehaviour. All start off. */
public final class Faults {
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean refuseWebsockets;

  /**
   * The next {@code count} API requests (except ping and websocket upgrades) answer {@code status}.
   */
  public Faults failNext(int count, int status) {
    failureStatus = status;
    failuresLeft.set(count);
    return this;
  }

  /** Every API request waits this long before it is handled. */
  public Faults latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** While true, websocket upgrades are answered with 503 so a client stays on its fallback. */
  public Faults refuseWebsockets(boolean refuse) {
    this.refuseWebsockets = refuse;
    return this;
  }

  public Faults reset() {
    failuresLeft.set(0);
    latency = Duration.ZERO;
    refuseWebsockets = false;
    return this;
  }

  boolean takeFailure() {
    return failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  int failureStatus() {
    return failureStatus;
  }

  Duration latency() {
    return latency;
  }

  boolean refuseWebsockets() {
    return refuseWebsockets;
  }
}
