package cd.chatrix.matrix.http;

import java.io.IOException;
import java.util.Optional;

/**
 * The request never got an HTTP answer (connection refused, unknown host, TLS mismatch, reset,
 * timed out). The message names the request (method and path, never the query) and the real cause
 * with its host, e.g. {@code GET /_matrix/client/v3/sync: connection refused by 127.0.0.1:8448}.
 */
public final class TransportException extends RuntimeException {
  private final transient Optional<ConnectionProblem> problem;

  /** A failure whose target is unknown: the message names the exception only. */
  public TransportException(String request, IOException cause) {
    super(
        withoutQuery(request)
            + " could not reach the server: "
            + cause.getClass().getSimpleName()
            + Optional.ofNullable(cause.getMessage())
                .filter(m -> !m.isBlank())
                .map(m -> " (" + withoutQuery(m) + ")")
                .orElse(""),
        cause);
    this.problem = Optional.empty();
  }

  /** A failure read by {@link ConnectionProblem}: the message says what happened and where. */
  public TransportException(String request, ConnectionProblem problem, IOException cause) {
    super(withoutQuery(request) + ": " + problem.text(), cause);
    this.problem = Optional.of(problem);
  }

  /** What went wrong, when the transport could tell. */
  public Optional<ConnectionProblem> problem() {
    return problem;
  }

  /** Cut short by an interrupt of the calling thread (the bot stopping), not by the server. */
  public boolean wasInterrupted() {
    return problem.map(p -> p.kind() == ConnectionProblem.Kind.INTERRUPTED).orElse(false);
  }

  /** The cause alone, without the request: "connection refused by 127.0.0.1:8448". */
  public String reason() {
    return problem.map(ConnectionProblem::text).orElseGet(this::getMessage);
  }

  private static String withoutQuery(String text) {
    return text.replaceAll("\\?\\S*", "");
  }
}
