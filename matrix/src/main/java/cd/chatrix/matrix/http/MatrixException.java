package cd.chatrix.matrix.http;

/** The homeserver answered with an error. */
public class MatrixException extends RuntimeException {
  private final transient MatrixError error;

  public MatrixException(String request, MatrixError error) {
    super(
        request
            + " failed: HTTP "
            + error.status()
            + " "
            + error.errcode()
            + error.message().map(m -> " (" + m + ")").orElse(""));
    this.error = error;
  }

  public MatrixError error() {
    return error;
  }
}
