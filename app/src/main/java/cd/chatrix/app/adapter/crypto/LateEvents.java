package cd.chatrix.app.adapter.crypto;

import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.matrix.sync.RoomEventHandler;
import cd.chatrix.matrix.sync.RoomEventHandlers;
import cd.chatrix.matrix.sync.RoomLanes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events that became decryptable late to the room-event handlers: once each, in order per
 * room, on virtual threads, so the sync loop that delivered the key never waits for a handler.
 */
final class LateEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LateEvents.class);

  private final RoomEventHandlers handlers = new RoomEventHandlers();
  private final RoomLanes lanes = new RoomLanes("late-");
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  void addHandler(RoomEventHandler handler) {
    handlers.add(handler);
  }

  void submit(RoomEvent event) {
    if (closed || !delivered.add(event.eventId())) {
      return;
    }
    lanes.execute(event.roomId(), () -> deliver(event));
  }

  private void deliver(RoomEvent event) {
    handlers.deliver(
        event,
        failure -> {
          LOG.error(
              "A handler failed on the late-decrypted {} in {}",
              event.eventId(),
              event.roomId(),
              failure);
          return true;
        });
  }

  @Override
  public void close() {
    closed = true;
    lanes.close();
  }
}
