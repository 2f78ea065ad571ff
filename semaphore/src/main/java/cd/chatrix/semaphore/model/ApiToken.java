package cd.chatrix.semaphore.model;

/** An API token created for a user. The id is the secret, so it is kept out of toString(). */
public record ApiToken(String id, boolean expired, int userId) {
  @Override
  public String toString() {
    return "ApiToken[id=<redacted>, expired=" + expired + ", userId=" + userId + "]";
  }
}
