package cd.chatrix.crypto.store;

/** A room event we could not decrypt yet, kept until its Megolm key arrives. */
public record PendingEvent(String roomId, String sessionId, String eventId, String eventJson) {
  @Override
  public String toString() {
    return "PendingEvent[" + roomId + ", " + eventId + "]";
  }
}
