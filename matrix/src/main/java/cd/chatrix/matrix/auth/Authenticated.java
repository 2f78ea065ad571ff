package cd.chatrix.matrix.auth;

/** A working session and the token source that keeps it fresh. */
public record Authenticated(SessionTokens tokens) {
  public Session session() {
    return tokens.session();
  }
}
