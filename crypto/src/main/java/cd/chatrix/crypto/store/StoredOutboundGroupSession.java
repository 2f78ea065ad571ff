package cd.chatrix.crypto.store;

import java.util.Set;

/**
 * The Megolm session we currently send with in a room, and who already has its key.
 *
 * @param sharedWith devices as {@code userId|deviceId} that received the key
 * @param withheldFrom devices as {@code userId|deviceId} that were told they will not get it
 */
public record StoredOutboundGroupSession(
    String roomId,
    String sessionId,
    String pickle,
    long createdAtMs,
    int messageCount,
    Set<String> sharedWith,
    Set<String> withheldFrom) {

  public StoredOutboundGroupSession {
    sharedWith = Set.copyOf(sharedWith);
    withheldFrom = Set.copyOf(withheldFrom);
  }

  @Override
  public String toString() {
    return "StoredOutboundGroupSession["
        + roomId
        + ", "
        + sessionId
        + ", "
        + messageCount
        + " msgs]";
  }
}
