package cd.chatrix.bot.flow;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Times one command from its event reaching the bot to the first reply handed to the chat port.
 * Bound as a scoped value around the handling, so the place that sends ({@link Services#send})
 * marks the moment without every handler passing a timer along.
 */
public final class CommandTiming {
  private static final ScopedValue<CommandTiming> CURRENT = ScopedValue.newInstance();

  private final long startedNanos;
  private long firstReplyNanos = -1;
  private final AtomicLong runnerNanos = new AtomicLong();
  private long runnerNanosBeforeReply = -1;

  private CommandTiming(long startedNanos) {
    this.startedNanos = startedNanos;
  }

  /** Runs {@code handling} with a timer started now, and returns the timer. */
  public static CommandTiming time(Runnable handling) {
    var timing = new CommandTiming(System.nanoTime());
    ScopedValue.where(CURRENT, timing).run(handling);
    return timing;
  }

  /** Called just before a message is handed to the chat port; only the first one counts. */
  static void replyHandedOver() {
    if (CURRENT.isBound()) {
      CURRENT.get().markReply(System.nanoTime());
    }
  }

  /** {@link #waitingOnPort(Supplier)} for calls that return nothing. */
  static void runWaitingOnPort(Runnable call) {
    waitingOnPort(() -> {
      call.run();
      return null;
    });
  }

  /**
   * Runs a call to Semaphore or the homeserver, counting its wait apart: the bot's own processing
   * time is what it spends itself, not the round trips it waits for.
   */
  static <T> T waitingOnPort(Supplier<T> call) {
    if (!CURRENT.isBound()) {
      return call.get();
    }
    long started = System.nanoTime();
    try {
      return call.get();
    } finally {
      CURRENT.get().runnerNanos.addAndGet(System.nanoTime() - started);
    }
  }

  private void markReply(long now) {
    if (firstReplyNanos < 0) {
      firstReplyNanos = now;
      runnerNanosBeforeReply = runnerNanos.get();
    }
  }

  /** Until the first reply, or until now when nothing was sent. */
  public Duration untilReply() {
    long end = firstReplyNanos >= 0 ? firstReplyNanos : System.nanoTime();
    return Duration.ofNanos(end - startedNanos);
  }

  /** The part of {@link #untilReply()} spent waiting for Semaphore or the homeserver. */
  public Duration waitingOnPort() {
    return Duration.ofNanos(firstReplyNanos >= 0 ? runnerNanosBeforeReply : runnerNanos.get());
  }

  /**
   * {@link #untilReply()} without the waits for Semaphore and the homeserver: the bot's own
   * processing.
   */
  public Duration processing() {
    return untilReply().minus(waitingOnPort());
  }
}
