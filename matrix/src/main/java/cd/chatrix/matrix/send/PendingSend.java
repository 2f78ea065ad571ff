package cd.chatrix.matrix.send;

import java.util.Optional;

/**
 * A send taken into the outbox and not yet confirmed by the homeserver. It is recorded when it is
 * handed to its room's lane, before any request, with the transaction id it keeps for every attempt
 * (a redelivery after a crash included), so the homeserver can drop a repeat. Room events are kept
 * as the bot wrote them and encrypted only at delivery: the room's Megolm session may have rotated
 * in between, and a message must go out under the session current when it leaves.
 *
 * @param cause the room event whose handler made this send, if any: the outbox records it as
 *     handled in the same write, so a crash never makes the bot answer it twice
 */
public record PendingSend(
    String txnId, String roomId, Target target, String bodyJson, Optional<String> cause) {
  public PendingSend {
    cause = cause == null ? Optional.empty() : cause;
  }

  /** What the send is, which decides the endpoint it goes to. */
  public sealed interface Target {}

  /** A room event of {@code type}, encrypted at delivery when the room is. */
  public record Event(String type) implements Target {}

  /** A redaction of {@code eventId} (never encrypted); the body holds the reason, if any. */
  public record Redaction(String eventId) implements Target {}

  /**
   * A request prepared in full by an earlier version, which wrote the path (transaction id
   * included) and the already encrypted body: it is repeated exactly as stored.
   */
  public record Prepared(String path) implements Target {}
}
