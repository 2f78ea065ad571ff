package cd.chatrix.bot.port;

/**
 * How an outgoing message hangs off an earlier event: inside a thread (rooted at {@code eventId},
 * with {@code replyTo} as the in-thread fallback reply) or as a plain reply.
 */
public sealed interface Relation {
  String eventId();

  /**
   * A message in the thread whose root is {@code eventId}; {@code replyTo} is the event answered.
   */
  record Thread(String eventId, String replyTo) implements Relation {}

  /** A plain reply ({@code m.in_reply_to}) to {@code eventId}. */
  record Reply(String eventId) implements Relation {}
}
