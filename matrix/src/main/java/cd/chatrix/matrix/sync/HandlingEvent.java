package cd.chatrix.matrix.sync;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The room event whose handlers are running on this thread. The sync engine binds it around the
 * delivery to its handlers; the sender reads it when a reply is queued, so the outbox can record
 * the reply and mark its cause handled in one write (see {@link
 * cd.chatrix.matrix.send.OutboxStore#add}), and tells it so, which spares the engine its own mark
 * afterwards. Work a handler hands to another thread is not bound: its sends carry no cause.
 */
public final class HandlingEvent {
  private static final ScopedValue<HandlingEvent> CURRENT = ScopedValue.newInstance();

  private final String eventId;
  private volatile boolean recorded;

  /** One event's handling; {@link #call} its handlers through it. */
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

  /**
   * Runs {@code delivery} (the event's handlers, one after the other) with this event as the one
   * being handled on this thread, and returns its answer.
   */
  public boolean call(BooleanSupplier delivery) {
    return ScopedValue.where(CURRENT, this).call(delivery::getAsBoolean);
  }

  /** Whether a handler's send already recorded the event as handled. */
  public boolean recorded() {
    return recorded;
  }
}
