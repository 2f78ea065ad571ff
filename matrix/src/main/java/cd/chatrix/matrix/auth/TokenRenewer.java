package cd.chatrix.matrix.auth;

/** Obtains fresh tokens for a session; one implementation per {@link Renewal} kind. */
@FunctionalInterface
public interface TokenRenewer {
  /**
   * @return the session with new tokens
   * @throws cd.chatrix.matrix.http.ReloginRequiredException when the server refuses for good
   */
  Session renew(Session current);
}
