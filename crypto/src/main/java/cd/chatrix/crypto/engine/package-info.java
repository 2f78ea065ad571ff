/**
 * The project's own view of the Olm/Megolm primitives: small AutoCloseable interfaces that the
 * machine uses, so the native binding stays behind one package and can be replaced.
 */
package cd.chatrix.crypto.engine;
