package cd.chatrix.app;

import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.run.Shutdown;
import cd.chatrix.app.store.sql.Store;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What runs once configuration and store are in place: the Matrix connection, Semaphore, and the
 * bot between them. Separate from {@link Application} so start-up order and the wiring of the parts
 * can each be read (and tested) on their own.
 */
interface BotServices {

  /** Everything the services get from start-up. */
  record Context(
      LaunchOptions options,
      ChatrixConfig config,
      Store store,
      Shutdown shutdown,
      Map<String, String> environment) {}

  /**
   * Starts every part and registers it with {@code context.shutdown()}; returns once the bot is
   * running. Throws when a part cannot start, with a message that says what to do.
   */
  void start(Context context) throws StartException;

  /**
   * Starts the self-contained sandbox, plays a short conversation in it and prints how to talk to
   * it; with {@code exitWhenDone} it asks to stop once the conversation is over.
   */
  void demo(LaunchOptions options, boolean exitWhenDone, Shutdown shutdown, PrintStream out)
      throws StartException;

  /** The parts of the bot once {@link #start} returned; empty before, and for test doubles. */
  default Optional<RunningBot> running() {
    return Optional.empty();
  }

  static BotServices live() {
    return new LiveServices();
  }

  /** The live services with {@code observer} told about every command, run and approval. */
  static BotServices live(cd.chatrix.bot.port.BotObserver observer) {
    return new LiveServices(observer);
  }

  /** A part could not start; the message is shown to the operator as is. */
  final class StartException extends Exception {
    /** Why start-up ended: each has its own exit code. */
    enum Kind {
      /** Something broke (exit 1). */
      FAILED,
      /** A server refused the configuration: the message names the key to fix (exit 78). */
      CONFIGURATION,
      /** A stop was requested while start-up waited (exit 0). */
      STOPPED
    }

    private final Kind kind;

    public StartException(String message, Throwable cause) {
      this(Kind.FAILED, message, cause);
    }

    StartException(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    static StartException configuration(String whatToFix, Throwable cause) {
      return new StartException(Kind.CONFIGURATION, whatToFix, cause);
    }

    static StartException stopped() {
      return new StartException(Kind.STOPPED, "stopped during start-up", null);
    }

    Kind kind() {
      return kind;
    }
  }
}
