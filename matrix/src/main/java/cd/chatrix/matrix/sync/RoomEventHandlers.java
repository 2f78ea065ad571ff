package cd.chatrix.matrix.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The handlers a room event goes to, called one after the other in the order they were added. Both
 * the sync loop and the app's late-decryption path deliver through it, so a handler sees the same
 * rules from either: one failing handler does not keep the event from the next, an interrupt stops
 * the delivery.
 */
public final class RoomEventHandlers {
  private final List<RoomEventHandler> handlers = new CopyOnWriteArrayList<>();

  public void add(RoomEventHandler handler) {
    handlers.add(handler);
  }

  /**
   * Hands {@code event} to every handler. A handler's exception goes to {@code onFailure}, which
   * logs it and says whether to go on with the next handler.
   *
   * @return whether every handler was called: false when the thread was interrupted (the flag is
   *     set again) or {@code onFailure} said stop
   */
  public boolean deliver(RoomEvent event, Predicate<Exception> onFailure) {
    for (RoomEventHandler handler : handlers) {
      try {
        handler.onEvent(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        if (!onFailure.test(e)) {
          return false;
        }
      }
    }
    return true;
  }
}
