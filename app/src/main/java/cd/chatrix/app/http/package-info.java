/**
 * The optional operations endpoint: liveness, readiness, Prometheus metrics and the receiver for
 * Semaphore's own alert webhooks, served by the JDK HTTP server on virtual threads.
 */
package cd.chatrix.app.http;
