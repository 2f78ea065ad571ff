/**
 * Load benchmarks for task watching against the testkit simulator; run by hand, results in
 * docs/bench/semaphore.md.
 */
package cd.chatrix.semaphore.bench;
