package cd.chatrix.bot.port;

import java.time.Duration;
import java.util.List;

/**
 * What the bot reports about its own work, for metrics and benchmarks. Every method has a no-op
 * default, so an observer implements only what it counts. Calls come from the bot's event threads:
 * implementations must be thread-safe and return at once.
 */
public interface BotObserver {
  BotObserver NONE = new BotObserver() {};

  /**
   * One observer that tells each of {@code observers}, in order. One that throws does not keep the
   * others from hearing about it (the exception is logged), so metrics and a benchmark can listen
   * side by side without depending on each other.
   */
  static BotObserver all(BotObserver... observers) {
    return new Observers(List.of(observers));
  }

  /**
   * A command was handled. From the event reaching the bot to its first reply handed to the chat
   * port (to the end of handling when it sent nothing), {@code waitedOnPorts} was spent waiting for
   * Semaphore or the homeserver and {@code processing} is the rest: the bot's own work, without any
   * round trip.
   */
  default void commandHandled(
      String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {}

  /** A run the bot watches reached a terminal state (once per run). */
  default void runFinished(TaskState state) {}

  /** A second person approved ({@code true}) or declined a run that needed approval. */
  default void approvalDecided(boolean approved) {}

  /** A confirmation nobody answered ran out. */
  default void confirmationExpired() {}

  /** How a command ended, as a bounded label for metrics. */
  enum CommandOutcome {
    /** Handled; whatever it answered, it was the command's own answer. */
    OK,
    /** The words did not fit the command (bad option, missing argument, unknown name). */
    USAGE,
    /** Not a command the bot knows. */
    UNKNOWN,
    /** The sender lacks the role for it. */
    DENIED,
    /** The sender sent too many commands too quickly. */
    RATE_LIMITED,
    /** Semaphore or the homeserver failed while handling it. */
    PORT_ERROR,
    /** A bug on the bot's side. */
    FAILED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
