/**
 * The optional operations endpoint: liveness, readiness, Prometheus metrics and the receiver for
 * Semaphore's own alert webhooks, served by the JDK HTTP server on virtual threads; and the probe
 * that asks Semaphore on a beat so readiness knows it answers while no task is watched.
 */
package cd.chatrix.app.ops;
