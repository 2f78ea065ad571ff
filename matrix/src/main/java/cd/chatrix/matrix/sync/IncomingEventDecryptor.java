package cd.chatrix.matrix.sync;

/**
 * The hook where end-to-end encryption turns an {@code m.room.encrypted} event into the event it
 * carries before handlers see it. It runs inside the room's serial queue.
 */
@FunctionalInterface
public interface IncomingEventDecryptor {
  IncomingEventDecryptor NONE = event -> event;

  /** Returns the decrypted event, or the event unchanged when it is not encrypted or cannot be. */
  RoomEvent decrypt(RoomEvent event);
}
