package cd.chatrix.matrix.http;

/** Where the auth layer gets the access token from, and how it asks for a new one. */
public interface AccessTokens {
  /**
   * The token to use now; renews it first when it is about to expire. A failed renewal does not
   * fail this call: the current token is returned while the server may still accept it.
   *
   * @throws ReloginRequiredException once the session has ended for good
   */
  String current();

  /**
   * The server rejected {@code rejected} although it looked valid. Renews (unless another thread
   * already did) and returns the token to retry with.
   *
   * @throws ReloginRequiredException when the session cannot be renewed, ever
   * @throws MatrixException with {@code error} when renewing failed for now (it is tried again
   *     after a back-off, not on every request)
   */
  String renewAfterRejection(String rejected, MatrixError error);
}
