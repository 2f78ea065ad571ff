/**
 * Process-level benches: the packaged bot started as a child process against the testkit's
 * homeserver and Semaphore simulator, timed to its first sync, and its resident memory once idle.
 */
package cd.chatrix.bench.process;
