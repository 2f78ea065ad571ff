package cd.chatrix.matrix.http;

/**
 * Adds the bearer token to authenticated requests. When the server says the token is unknown, the
 * token source renews it (refresh or a new login) and the request is retried once with the new one.
 * A session that cannot be renewed comes out as a {@link ReloginRequiredException} telling the
 * operator what to do; that decision is the token source's alone, so a renewed token that is
 * rejected again only fails this request (the next one renews again) and never strands the bot.
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
    if (result.status() != 401 || !result.error().is("M_UNKNOWN_TOKEN")) {
      return result;
    }
    String renewed = tokens.renewAfterRejection(token, result.error());
    return next.proceed(request.withHeader("Authorization", "Bearer " + renewed));
  }
}
