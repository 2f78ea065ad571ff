package cd.chatrix.matrix.sync;

import java.util.Optional;

/**
 * The room event whose handlers are running on this thread. The sync engine binds it around each
 * handler call; the sender reads it when a reply is queued, so the outbox can record the reply and
 * mark its cause handled in one write (see {@link cd.chatrix.matrix.send.OutboxStore#add}), and
 * tells it so, which spares the engine its own mark afterwards. Work a handler hands to another
 * thread is not bound: its sends carry no cause.
 */
public final class HandlingEvent {
  private static final ScopedValue<HandlingEvent> CURRENT = ScopedValue.newInstance();

  private final String eventId;
  private volatile boolean recorded;

  /** One event's handling; {@link #run} each of its handlers through it. */
  public HandlingEvent(String eventId) {
    this.eventId = eventId;
  }

  /** The id of the event being handled on this thread, if any. */
  public static Optional<String> current() {
    return CURRENT.isBound() ? Optional.of(CURRENT.get().eventId) : Optional.empty();
  }

  /** Says that the event being handled on this thread is durably recorded as handled. */
  public static void recordedAsHandled() {
    if (CURRENT.isBound()) {
      CURRENT.get().recorded = true;
    }
  }

  /** Runs {@code handler} with this event as the one being handled. */
  public void run(Handler handler) throws Exception {
    ScopedValue.where(CURRENT, this)
        .call(() -> {
          handler.handle();
          return null;
        });
  }

  /** Whether a handler's send already recorded the event as handled. */
  public boolean recorded() {
    return recorded;
  }

  /** A handler call that may throw, as {@link RoomEventHandler#onEvent} may. */
  @FunctionalInterface
  public interface Handler {
    void handle() throws Exception;
  }
}
