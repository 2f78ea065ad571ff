/**
 * Process-level benches: the packaged bot started as a child process against the testkit's
 * homeserver and Semaphore simulator, timed to its first sync, and its resident memory once idle
 * ({@code StartupBench}); how fast it answers a ping after a launch and on an idle bot ({@code
 * ReactionBench}, on SQLite or PostgreSQL); how fast it gets Semaphore work done through its whole
 * path with each store, counted at the simulator ({@code SemaphoreRateBench}); what one store
 * transaction costs on each engine without the bot ({@code CommitCostBench}).
 */
package cd.chatrix.bench.process;
