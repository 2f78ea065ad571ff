/**
 * End-to-end encryption as a sans-I/O state machine: sync changes in, outgoing requests out. The
 * only package that touches vodozemac, through one adapter class.
 */
package cd.chatrix.crypto;
