package cd.chatrix.bot;

/** An {@code m.reaction} annotation {@code key} by {@code sender} on {@code targetEventId}. */
public record IncomingReaction(
    String roomId, String eventId, String sender, String targetEventId, String key) {}
