package cd.chatrix.matrix.send;

/**
 * The hook where end-to-end encryption (the crypto module) turns a room event into an {@code
 * m.room.encrypted} one. It is called inside the room's send queue, in send order, and only for
 * rooms that have encryption enabled.
 */
@FunctionalInterface
public interface OutgoingEventEncryptor {
  OutgoingEvent encrypt(String roomId, OutgoingEvent event);
}
