package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.TransportException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns failures of the matrix client into {@link PortException}s people can read. Messages are
 * built from the homeserver's error code and text only, never from headers, so no token can leak.
 */
final class PortErrors {
  private PortErrors() {}

  /**
   * @param action what the bot tried, as a verb phrase ("post a message in !abc:example.org")
   */
  static PortException of(String action, Throwable failure) {
    Throwable cause = unwrap(failure);
    return switch (cause) {
      case PortException already -> already;
      case ReloginRequiredException relogin ->
          new PortException(
              "Could not "
                  + action
                  + ": the homeserver ended the bot's session ("
                  + relogin.error().errcode()
                  + "). An operator has to log the bot in again.",
              cause);
      case MatrixException refused ->
          new PortException(
              "The homeserver refused to "
                  + action
                  + ": "
                  + refused.error().errcode()
                  + refused.error().message().map(m -> " (" + m + ")").orElse("")
                  + hint(refused.error().errcode()),
              cause);
      case TransportException unreachable ->
          new PortException(
              "Could not "
                  + action
                  + ": the homeserver did not answer. Check that it is up and reachable.",
              cause);
      case IllegalStateException state ->
          new PortException("Could not " + action + ": " + state.getMessage(), cause);
      case IllegalArgumentException argument ->
          new PortException("Could not " + action + ": " + argument.getMessage(), cause);
      default ->
          new PortException(
              "Could not " + action + " (" + cause.getClass().getSimpleName() + ").", cause);
    };
  }

  private static String hint(String errcode) {
    return switch (errcode) {
      case "M_FORBIDDEN" -> ". The bot may lack the power level or not be in the room.";
      case "M_NOT_FOUND" -> ". The room or event does not exist, or the bot cannot see it.";
      case "M_LIMIT_EXCEEDED" -> ". The homeserver is rate-limiting the bot; try again shortly.";
      case "M_TOO_LARGE" -> ". The message is too large for the homeserver.";
      default -> ".";
    };
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
