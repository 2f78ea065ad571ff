package cd.chatrix.testkit.matrix;

/**
 * Thrown to answer a request with a fixed reply before any handler runs, e.g. a real server's
 * answer to an endpoint it does not serve (which is not always a Matrix JSON error).
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Reply reply;

  Refusal(Reply reply) {
    super("refused with HTTP " + reply.status(), null, false, false);
    this.reply = reply;
  }

  static Refusal of(MatrixError error) {
    return new Refusal(error.toReply());
  }

  Reply reply() {
    return reply;
  }
}
