package cd.chatrix.semaphore;

/** How the client authenticates. Secrets never appear in toString(). */
public sealed interface Credentials permits Credentials.ApiToken, Credentials.Password {

  /** An API token sent as {@code Authorization: Bearer}. */
  record ApiToken(String token) implements Credentials {
    public ApiToken {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            "The Semaphore API token is empty: create one in Semaphore (User → API tokens) and configure it.");
      }
    }

    @Override
    public String toString() {
      return "ApiToken[<redacted>]";
    }
  }

  /**
   * A username and password. The client logs in once for a session cookie, creates an API token
   * with it, and uses the token from then on (the app may persist {@link
   * SemaphoreClient#apiToken()} to skip this next time).
   */
  record Password(String username, String password) implements Credentials {
    @Override
    public String toString() {
      return "Password[username=" + username + ", password=<redacted>]";
    }
  }
}
