package cd.chatrix.app.boot;

import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.lease.Leadership;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.store.sql.Store;
import java.util.Map;
import java.util.Optional;

/**
 * What runs once configuration and store are in place: the Matrix connection, Semaphore, and the
 * bot between them. Separate from {@link Application} so start-up order and the wiring of the parts
 * can each be read (and tested) on their own; {@link LiveServices} is the production one.
 */
interface BotServices {

  /** Everything the services get from start-up. */
  record Context(
      LaunchOptions options,
      ChatrixConfig config,
      Store store,
      Shutdown shutdown,
      Map<String, String> environment,
      Leadership leadership) {}

  /**
   * Starts every part and registers it with {@code context.shutdown()}; returns once the bot is
   * running. Throws when a part cannot start, with a message that says what to do.
   */
  void start(Context context) throws StartException;

  /** The parts of the bot once {@link #start} returned; empty before, and for test doubles. */
  default Optional<RunningBot> running() {
    return Optional.empty();
  }
}
