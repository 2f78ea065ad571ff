package cd.chatrix.matrix.http;

/**
 * The homeserver ended the session for good (access token revoked, device deleted, refresh token no
 * longer accepted) and the bot could not renew it by itself. Retrying cannot help; a person must
 * log the bot in again.
 */
public final class ReloginRequiredException extends MatrixException {
  private final String why;

  public ReloginRequiredException(String request, MatrixError error) {
    this(request, error, "");
  }

  /**
   * @param why what was tried and failed, in our own words (no tokens), e.g. "the refresh token was
   *     refused"
   */
  public ReloginRequiredException(String request, MatrixError error, String why) {
    super(request, error);
    this.why = why;
  }

  /** What was tried and failed; empty when nothing could be tried. */
  public String why() {
    return why;
  }

  @Override
  public String getMessage() {
    return "The homeserver no longer accepts the bot's session ("
        + error().errcode()
        + (why.isBlank() ? "" : "; renewing it failed: " + why)
        + "). Log in again: restart the bot (SSO asks for a new login token or takes"
        + " matrix.login_token; token login needs a new matrix.access_token); the stored device is"
        + " kept, so its encryption keys stay valid."
        + " Details: "
        + super.getMessage();
  }
}
