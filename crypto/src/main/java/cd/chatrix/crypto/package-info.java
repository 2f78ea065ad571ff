/**
 * End-to-end encryption as a sans-I/O state machine ({@link cd.chatrix.crypto.OlmMachine}): sync
 * changes in, outgoing requests out, one file per protocol operation. Only the {@code vodozemac}
 * subpackage touches the native binding.
 *
 * <p>State is saved so that a machine started on the same store after a {@code kill -9} carries on:
 * a ratchet is saved before what it encrypted leaves, a room key before the Olm session that
 * carried it, a queued room-key delivery before its request ({@code KillAtEveryWriteTest} kills the
 * machine at each write of a conversation in turn).
 */
package cd.chatrix.crypto;
