package cd.chatrix.matrix.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure that comes back with every attempt while its cause lasts (the store is unreachable, a
 * part of the bot cannot take in sync responses): said at WARN once per streak, with what happens
 * next, and at INFO once it is over; the repeats and the stack trace go to DEBUG.
 */
final class RepeatedFailure {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private final String what;
  private final String meanwhile;
  private final String again;
  private int streak;

  /**
   * @param what what failed, as the start of a sentence
   * @param meanwhile what the bot does until it works again, as a sentence
   * @param again what is said when it works again
   */
  RepeatedFailure(String what, String meanwhile, String again) {
    this.what = what;
    this.meanwhile = meanwhile;
    this.again = again;
  }

  synchronized void failed(Throwable e) {
    if (streak++ == 0) {
      LOG.warn("{} ({}). {}", what, e.getMessage(), meanwhile);
      LOG.debug("{}: the failure in full", what, e);
    } else {
      LOG.debug("{} again ({})", what, e.getMessage());
    }
  }

  synchronized void recovered() {
    if (streak > 0) {
      LOG.info("{} after {} failed attempt{}", again, streak, streak == 1 ? "" : "s");
      streak = 0;
    }
  }
}
