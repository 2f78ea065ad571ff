package cd.chatrix.matrix.http;

/**
 * Adds the bearer token to authenticated requests. When the server says the token is unknown, a
 * soft logout (or a session that can refresh) gets one renewal and one retry; a hard logout becomes
 * a {@link ReloginRequiredException} telling the operator what to do.
 */
public final class AuthLayer implements Layer {
  private final AccessTokens tokens;

  public AuthLayer(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public HttpResult handle(MatrixRequest request, Chain next) {
    if (!request.authenticated()) {
      return next.proceed(request);
    }
    String token = tokens.current();
    HttpResult result = next.proceed(request.withHeader("Authorization", "Bearer " + token));
    if (result.status() != 401) {
      return result;
    }
    MatrixError error = result.error();
    if (!error.is("M_UNKNOWN_TOKEN")) {
      return result;
    }
    String renewed = tokens.renewAfterRejection(token, error);
    HttpResult retried = next.proceed(request.withHeader("Authorization", "Bearer " + renewed));
    if (retried.status() == 401 && retried.error().is("M_UNKNOWN_TOKEN")) {
      throw new ReloginRequiredException(request.toString(), retried.error());
    }
    return retried;
  }
}
