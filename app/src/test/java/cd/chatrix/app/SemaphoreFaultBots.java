package cd.chatrix.app;

import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.demo.DemoSandbox;
import cd.chatrix.app.run.Shutdown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the real bot (config file, store, wiring) on a sandbox for tests outside this package,
 * such as the Semaphore fault matrix: the launcher it uses is package-private.
 */
public final class SemaphoreFaultBots {
  private SemaphoreFaultBots() {}

  /** Starts the bot in log-only mode; stop it with the returned {@link Shutdown#stopAll()}. */
  public static Shutdown start(DemoSandbox sandbox, Consumer<ObjectNode> adjust) {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(5));
    try {
      new DemoRunner(BotServices.live())
          .startBot(sandbox, LaunchOptions.logOnly(Path.of("config.json")), shutdown, adjust);
      return shutdown;
    } catch (BotServices.StartException e) {
      shutdown.stopAll();
      throw new AssertionError("the bot did not start: " + e.getMessage(), e);
    }
  }
}
