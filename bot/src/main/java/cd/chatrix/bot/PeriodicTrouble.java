package cd.chatrix.bot;

import java.lang.System.Logger.Level;

/**
 * Failures of the bot's periodic work, which runs every tick and so fails every tick while its
 * cause lasts (the store is unreachable, or this replica's lease is not confirmed): said at WARNING
 * once per streak with the first failure, and once when a whole round works again. Repeats, and the
 * stack trace, go to DEBUG.
 */
final class PeriodicTrouble {
  private static final System.Logger LOG = System.getLogger(Bot.class.getName());

  private int failedRounds;
  private boolean failedThisRound;

  /** Does {@code work}, one step of this round; a failure is noted and the round goes on. */
  void attempt(String step, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      failed(step, e);
    }
  }

  /** {@code step} of this round failed. */
  synchronized void failed(String step, RuntimeException e) {
    if (failedRounds == 0 && !failedThisRound) {
      LOG.log(
          Level.WARNING,
          "{0} failed ({1}). The bot tries its periodic work again every tick, and says so here"
              + " once it works again.",
          step,
          e.getMessage());
      LOG.log(Level.DEBUG, step + " failed", e);
    } else {
      LOG.log(Level.DEBUG, "{0} failed again ({1})", step, e.getMessage());
    }
    failedThisRound = true;
  }

  /** The end of a round: counts it as failed, or says that the work goes through again. */
  synchronized void roundDone() {
    if (failedThisRound) {
      failedRounds++;
      failedThisRound = false;
    } else if (failedRounds > 0) {
      LOG.log(
          Level.INFO,
          "The bot''s periodic work goes through again after {0} failed round{1}",
          failedRounds,
          failedRounds == 1 ? "" : "s");
      failedRounds = 0;
    }
  }
}
