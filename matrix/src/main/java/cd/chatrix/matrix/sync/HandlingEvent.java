package cd.chatrix.matrix.sync;

import java.util.Optional;

/**
 * The room event whose handlers are running on this thread. The sync engine binds it around each
 * handler call; the sender reads it when a reply is queued, so the outbox can record the reply and
 * mark its cause handled in one write (see {@link cd.chatrix.matrix.send.OutboxStore#add}). Work a
 * handler hands to another thread is not bound: its sends carry no cause.
 */
public final class HandlingEvent {
  private static final ScopedValue<String> EVENT_ID = ScopedValue.newInstance();

  private HandlingEvent() {}

  /** The id of the event being handled on this thread, if any. */
  public static Optional<String> current() {
    return EVENT_ID.isBound() ? Optional.of(EVENT_ID.get()) : Optional.empty();
  }

  /** Runs {@code handler} with {@code eventId} as the event being handled. */
  public static void run(String eventId, Handler handler) throws Exception {
    ScopedValue.where(EVENT_ID, eventId)
        .call(() -> {
          handler.handle();
          return null;
        });
  }

  /** A handler call that may throw, as {@link RoomEventHandler#onEvent} may. */
  @FunctionalInterface
  public interface Handler {
    void handle() throws Exception;
  }
}
