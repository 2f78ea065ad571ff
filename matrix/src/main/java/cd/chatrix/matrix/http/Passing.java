package cd.chatrix.matrix.http;

/**
 * Which failures pass by themselves: no connection, the server failing (5xx), rate limits, and an
 * endpoint the server says it does not know (during upgrades and proxy restarts). Retrying those
 * with back-off heals; retrying a refusal (403, 400) only repeats it.
 */
public final class Passing {
  private Passing() {}

  /** Whether {@code failure}, thrown by a transport call, is worth retrying later. */
  public static boolean failure(Throwable failure) {
    return switch (failure) {
      case TransportException e -> true;
      case ReloginRequiredException e -> false;
      case MatrixException e -> status(e.error());
      default -> false;
    };
  }

  /** Whether an error answer is worth retrying later. */
  public static boolean status(MatrixError error) {
    int status = error.status();
    return status >= 500
        || status == 429
        || ((status == 404 || status == 405) && error.is("M_UNRECOGNIZED"));
  }
}
