/**
 * End-to-end encryption as a sans-I/O state machine ({@link cd.chatrix.crypto.OlmMachine}): sync
 * changes in, outgoing requests out, one file per protocol operation. Only the {@code vodozemac}
 * subpackage touches the native binding.
 */
package cd.chatrix.crypto;
