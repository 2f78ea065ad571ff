/**
 * In-process fakes with real network sockets: a Matrix homeserver, a Semaphore simulator and an
 * OIDC issuer. Every module's tests and the {@code demo} sandbox use them.
 */
package cd.chatrix.testkit;
