package cd.chatrix.matrix.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync answers that arrived but could not be used (a body that is not a sync response, a bug in
 * handling one). HTTP-level outages are logged by the transport; this says once per streak that
 * answers are unusable, and once that they are fine again, so a bad answer repeated every few
 * seconds does not fill the log.
 */
final class SyncTrouble {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private int streak;

  /** An answer could not be read. */
  synchronized void failed(RuntimeException e) {
    if (streak++ == 0) {
      LOG.warn(
          "Sync answers from the homeserver cannot be read ({}); retrying with back-off",
          e.getMessage());
    } else {
      LOG.debug("Sync answer unreadable again ({})", e.getMessage());
    }
  }

  /** Handling an answer failed in a way nobody planned for: the stack trace helps a bug report. */
  synchronized void failedUnexpectedly(RuntimeException e) {
    if (streak++ == 0) {
      LOG.error("Sync failed unexpectedly; retrying with back-off", e);
    } else {
      LOG.debug("Sync failed unexpectedly again", e);
    }
  }

  synchronized void recovered() {
    if (streak > 0) {
      LOG.info("Sync works again after {} failed attempt{}", streak, streak == 1 ? "" : "s");
      streak = 0;
    }
  }
}
