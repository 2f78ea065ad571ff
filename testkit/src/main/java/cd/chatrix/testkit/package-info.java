/**
 * In-process fakes with real network sockets: a Matrix homeserver, a Semaphore simulator and an
 * OIDC issuer. Every module's tests and the {@code demo} sandbox use them; {@code bot} writes the
 * config a bot process starts from against them.
 */
package cd.chatrix.testkit;
