package cd.chatrix.matrix.sync;

/**
 * Receives the timeline events of all rooms. Calls for one room come one at a time, in timeline
 * order; different rooms are handled in parallel. A handler may block (it runs on a virtual
 * thread); a thrown exception is logged and the event counts as handled, so one bad event cannot
 * stall a room forever.
 */
@FunctionalInterface
public interface RoomEventHandler {
  void onEvent(RoomEvent event) throws Exception;
}
