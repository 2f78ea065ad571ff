/**
 * JMH micro-benchmarks: command handling in the bot core, Megolm through the crypto module, sync
 * batch parsing, and how task updates scale with the number of watched runs. Run with {@code
 * bench/run-jmh.sh}; BENCHMARKS.md has the figures and how they were taken.
 */
package cd.chatrix.bench.jmh;
