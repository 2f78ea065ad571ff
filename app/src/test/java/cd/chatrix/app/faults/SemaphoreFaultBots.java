package cd.chatrix.app.faults;

import cd.chatrix.app.boot.SandboxBot;
import cd.chatrix.app.boot.StartException;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/** Starts the real bot (config file, store, wiring) on a sandbox for the Semaphore fault matrix. */
final class SemaphoreFaultBots {
  private SemaphoreFaultBots() {}

  /** Starts the bot in log-only mode; stop it with the returned {@link Shutdown#stopAll()}. */
  static Shutdown start(DemoSandbox sandbox, Consumer<ObjectNode> adjust) {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(5));
    try {
      SandboxBot.start(sandbox, shutdown, adjust);
      return shutdown;
    } catch (StartException e) {
      shutdown.stopAll();
      throw new AssertionError("the bot did not start: " + e.getMessage(), e);
    }
  }
}
