/**
 * Benchmarks: JMH micro-benchmarks and process-level benches; how to run them is in BENCHMARKS.md.
 */
package cd.chatrix.bench;
