package cd.chatrix.app.boot;

import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.cli.LaunchOptions;
import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one public way into the composition root from outside {@code boot}, for the scenario tests
 * and fault matrices: the real bot (its config file, store and production wiring) started in
 * log-only mode on a demo sandbox, as {@code chatrixcd demo} starts it.
 */
public final class SandboxBot {
  private SandboxBot() {}

  /**
   * Starts the bot on {@code sandbox} with {@code adjustConfig} applied to the sandbox's config
   * file first; returns once it serves. Everything it starts is registered with {@code shutdown},
   * whose {@link Shutdown#stopAll()} stops the bot and leaves the sandbox running.
   */
  public static RunningBot start(
      DemoSandbox sandbox, Shutdown shutdown, Consumer<ObjectNode> adjustConfig)
      throws StartException {
    LiveServices services = new LiveServices();
    new DemoRunner(services)
        .startBot(sandbox, LaunchOptions.logOnly(Path.of("config.json")), shutdown, adjustConfig);
    return services.running().orElseThrow();
  }
}
