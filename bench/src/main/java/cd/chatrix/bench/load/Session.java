package cd.chatrix.bench.load;

/** A logged-in Matrix account the bench acts as: its id and access token. */
record Session(String userId, String accessToken) {
  @Override
  public String toString() {
    return "Session[" + userId + "]";
  }
}
