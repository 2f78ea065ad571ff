/**
 * Task watching: Semaphore's /api/ws push with reconnects, per-project batched polling as fallback,
 * and a tracker that turns both into exactly-once state-change and terminal events, resumable after
 * a restart.
 */
package cd.chatrix.semaphore.watch;
