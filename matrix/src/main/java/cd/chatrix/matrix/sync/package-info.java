/**
 * The sync engine: one long-poll loop per account that hands room events to handlers, one room at a
 * time in order and rooms in parallel, and commits its position only once events are handled. The
 * event being handled is bound to its handler's thread ({@code HandlingEvent}), so a reply queued
 * there is recorded together with its command's handled mark. Failures back off ({@code
 * RetryPause}), and {@code SyncEngine.retryNow} ends the wait when the app knows their cause is
 * gone (its store answers again); a failure that repeats with every attempt is logged once each way
 * ({@code RepeatedFailure}). How far the loop runs ahead of its handlers is bounded in responses
 * and events ({@code BatchLedger}); a limited timeline's gap is read forwards a page at a time
 * within that bound ({@code TimelineGapFiller}), so what the bot cannot take in yet stays on the
 * server.
 */
package cd.chatrix.matrix.sync;
