/**
 * Throughput benchmarks of the crypto engine against libolm, run by hand (not part of the test
 * suite); results and method live in docs/bench/crypto.md.
 */
package cd.chatrix.crypto.bench;
