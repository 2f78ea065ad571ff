package cd.chatrix.bot;

/**
 * An {@code m.reaction} annotation {@code key} by {@code sender} on {@code targetEventId}; {@code
 * trust} says whether the bot may act on what the sending device asks.
 */
public record IncomingReaction(
    String roomId,
    String eventId,
    String sender,
    String targetEventId,
    String key,
    SenderTrust trust) {
  public IncomingReaction {
    trust = trust == null ? SenderTrust.TRUSTED : trust;
  }

  /** A reaction from a trusted device (or under a policy that asks nothing of devices). */
  public IncomingReaction(
      String roomId, String eventId, String sender, String targetEventId, String key) {
    this(roomId, eventId, sender, targetEventId, key, SenderTrust.TRUSTED);
  }
}
