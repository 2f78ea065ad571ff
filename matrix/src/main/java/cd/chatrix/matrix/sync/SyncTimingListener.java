package cd.chatrix.matrix.sync;

import java.time.Duration;

/**
 * Hears how long each sync response took to handle, for metrics: from the response's arrival to the
 * moment its last event was handled (decrypted and passed to every handler) and its position
 * committed. Called once per response, in order, on whichever thread finished it; must be quick and
 * must not throw.
 */
@FunctionalInterface
public interface SyncTimingListener {
  /**
   * @param elapsed from arrival to commit
   * @param events the timeline events of the response the handlers were given
   */
  void batchHandled(Duration elapsed, int events);
}
