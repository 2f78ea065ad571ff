package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.Sleeper;
import java.time.Duration;

/**
 * Tuning of the sync loop.
 *
 * @param pollTimeout how long the server may hold a {@code /sync} open when nothing happens
 * @param timelineLimit events per room per response; larger gaps are back-filled with /messages
 * @param maxOpenBatches how many responses may wait for slow handlers before the loop pauses
 * @param maxOpenEvents how many events may wait for slow handlers before the loop pauses (a gap is
 *     back-filled one page at a time within this bound, so a flood stays on the homeserver)
 * @param handlerGracePeriod how long closing waits for running handlers before interrupting them
 */
public record SyncOptions(
    Duration pollTimeout,
    int timelineLimit,
    int maxOpenBatches,
    int maxOpenEvents,
    Duration handlerGracePeriod,
    Backoff backoff,
    Sleeper sleeper) {

  public static SyncOptions defaults() {
    return new SyncOptions(
        Duration.ofSeconds(30),
        50,
        16,
        1_000,
        Duration.ofSeconds(10),
        Backoff.configured(),
        Sleeper.REAL);
  }

  public SyncOptions withPollTimeout(Duration timeout) {
    return new SyncOptions(
        timeout,
        timelineLimit,
        maxOpenBatches,
        maxOpenEvents,
        handlerGracePeriod,
        backoff,
        sleeper);
  }

  public SyncOptions withBackoff(Backoff newBackoff, Sleeper newSleeper) {
    return new SyncOptions(
        pollTimeout,
        timelineLimit,
        maxOpenBatches,
        maxOpenEvents,
        handlerGracePeriod,
        newBackoff,
        newSleeper);
  }

  public SyncOptions withHandlerGracePeriod(Duration grace) {
    return new SyncOptions(
        pollTimeout, timelineLimit, maxOpenBatches, maxOpenEvents, grace, backoff, sleeper);
  }

  public SyncOptions withTimelineLimit(int limit) {
    return new SyncOptions(
        pollTimeout, limit, maxOpenBatches, maxOpenEvents, handlerGracePeriod, backoff, sleeper);
  }

  public SyncOptions withMaxOpenEvents(int events) {
    return new SyncOptions(
        pollTimeout, timelineLimit, maxOpenBatches, events, handlerGracePeriod, backoff, sleeper);
  }

  BatchLedger.Bounds bounds() {
    return new BatchLedger.Bounds(maxOpenBatches, maxOpenEvents);
  }
}
