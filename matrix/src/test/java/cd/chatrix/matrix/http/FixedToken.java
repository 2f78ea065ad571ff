package cd.chatrix.matrix.http;

/**
 * An access token that never changes, for tests of what rides on the auth layer (sending, media,
 * room actions) rather than of the renewal itself. After a rejection it hands back the same token,
 * so a server that keeps refusing it keeps being refused.
 */
public record FixedToken(String token) implements AccessTokens {

  @Override
  public String current() {
    return token;
  }

  @Override
  public String renewAfterRejection(String rejected, MatrixError error) {
    return token;
  }
}
