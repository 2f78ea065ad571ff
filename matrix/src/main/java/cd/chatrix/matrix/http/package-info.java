/**
 * The HTTP layer: one {@link cd.chatrix.matrix.http.HttpTransport} whose behaviour (authorisation,
 * retries, rate limits) is a chain of small layers, plus the typed Matrix error. The innermost
 * {@link cd.chatrix.matrix.http.OutageLayer} sees every attempt and tells {@link
 * cd.chatrix.matrix.http.Outages}, which logs one WARN per outage of an endpoint and one INFO when
 * it is over; retry loops elsewhere log per attempt at DEBUG only. {@link
 * cd.chatrix.matrix.http.TransportException} names the host and the real cause of a failed
 * connection ({@link cd.chatrix.matrix.http.ConnectionProblem}); {@link
 * cd.chatrix.matrix.http.Passing} says which failures heal by themselves. The client sets TLS up on
 * its first {@code https} connection ({@link cd.chatrix.tls.DeferredTls}), so a bot with plain http
 * URLs never loads it.
 */
package cd.chatrix.matrix.http;
