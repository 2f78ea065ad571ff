package cd.chatrix.matrix.http;

/** Where the auth layer gets the access token from, and how it asks for a new one. */
public interface AccessTokens {
  /** The token to use now; renews it first when it is about to expire. */
  String current();

  /**
   * The server rejected {@code rejected} although it looked valid. Renews (unless another thread
   * already did) and returns the token to retry with.
   *
   * @throws ReloginRequiredException when the session cannot be renewed
   */
  String renewAfterRejection(String rejected, MatrixError error);
}
