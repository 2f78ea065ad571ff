package cd.chatrix.matrix.http;

/**
 * The homeserver ended the session for good (access token revoked, device deleted, refresh token no
 * longer accepted). Retrying cannot help; a person must log the bot in again.
 */
public final class ReloginRequiredException extends MatrixException {
  public ReloginRequiredException(String request, MatrixError error) {
    super(request, error);
  }

  @Override
  public String getMessage() {
    return "The homeserver no longer accepts the bot's session ("
        + error().errcode()
        + "). Log in again (for example with a password, SSO or OAuth login); the stored device"
        + " is kept so encryption keys stay valid if the server allows it. Details: "
        + super.getMessage();
  }
}
