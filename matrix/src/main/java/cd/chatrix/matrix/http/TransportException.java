package cd.chatrix.matrix.http;

import java.io.IOException;

/** The request never got an HTTP answer (connection refused, reset, timed out). */
public final class TransportException extends RuntimeException {
  public TransportException(String request, IOException cause) {
    super(request + " could not reach the server: " + cause.getClass().getSimpleName(), cause);
  }
}
