package cd.chatrix.testkit.matrix;

/** The authenticated caller of a request: which user, which device, with which access token. */
record Session(String userId, String deviceId, String accessToken) {
  @Override
  public String toString() {
    return "Session[" + userId + " " + deviceId + "]";
  }
}
