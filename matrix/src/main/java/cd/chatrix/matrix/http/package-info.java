/**
 * The HTTP layer: one {@link cd.chatrix.matrix.http.HttpTransport} whose behaviour (authorisation,
 * retries, rate limits) is a chain of small layers, plus the typed Matrix error.
 */
package cd.chatrix.matrix.http;
