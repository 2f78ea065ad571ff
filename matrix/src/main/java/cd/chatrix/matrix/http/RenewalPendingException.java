package cd.chatrix.matrix.http;

/**
 * The server rejected the access token and renewing it failed for a reason that passes (no
 * connection, 5xx, a rate limit), or failed a moment ago and is backing off. The session is not
 * over: the request is worth trying again after a pause, when the renewal will have been retried.
 * The message names the server's rejection and the renewal's trouble, never a token.
 */
public final class RenewalPendingException extends RuntimeException {
  public RenewalPendingException(String request, MatrixError rejection, String why) {
    super(
        request
            + ": the server rejected the access token ("
            + rejection.errcode()
            + ") and renewing it "
            + why
            + "; try again shortly");
  }
}
