package cd.chatrix.matrix.http;

/**
 * Which failures pass by themselves: no connection, the server failing (5xx), rate limits, an
 * endpoint the server says it does not know (during upgrades and proxy restarts), and a rejected
 * token whose renewal met one of those. Retrying those with back-off heals; retrying a refusal
 * (403, 400) only repeats it.
 */
public final class Passing {
  private Passing() {}

  /**
   * Whether {@code failure}, thrown by a transport call, is worth retrying later. A failure that
   * wraps one (a login that failed because the server answered 502) is judged by what it wraps.
   */
  public static boolean failure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      switch (t) {
        case TransportException e -> {
          return true;
        }
        case RenewalPendingException e -> {
          return true;
        }
        case ReloginRequiredException e -> {
          return false;
        }
        case MatrixException e -> {
          return status(e.error());
        }
        default -> {
          // look at what it wraps
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether an error answer is worth retrying later. */
  public static boolean status(MatrixError error) {
    int status = error.status();
    return status >= 500
        || status == 429
        || ((status == 404 || status == 405) && error.is("M_UNRECOGNIZED"));
  }
}
