/**
 * Process-level benches: the packaged bot started as a child process against the testkit's
 * homeserver and Semaphore simulator, timed to its first sync, and its resident memory once idle
 * ({@code StartupBench}); how fast it answers a ping after a launch and on an idle bot ({@code
 * ReactionBench}).
 */
package cd.chatrix.bench.process;
