/**
 * The sync engine: one long-poll loop per account that hands room events to handlers, one room at a
 * time in order and rooms in parallel, and commits its position only once events are handled. The
 * event being handled is bound to its handler's thread ({@code HandlingEvent}), so a reply queued
 * there is recorded together with its command's handled mark. Failures back off ({@code
 * RetryPause}), and {@code SyncEngine.retryNow} ends the wait when the app knows their cause is
 * gone (its store answers again); a failure that repeats with every attempt is logged once each way
 * ({@code RepeatedFailure}).
 */
package cd.chatrix.matrix.sync;
