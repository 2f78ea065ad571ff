package cd.chatrix.app;

import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.demo.DemoSandbox;
import cd.chatrix.app.run.Shutdown;
import cd.chatrix.matrix.MatrixClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the real bot (config file, store, production wiring) on a sandbox for the fault matrices,
 * which live in {@code cd.chatrix.app.faults} and cannot reach {@link DemoRunner} themselves.
 */
public final class HomeserverFaultBots {
  private HomeserverFaultBots() {}

  /** A running bot: its Matrix client, and whether anything asked it to stop. */
  public interface Running extends AutoCloseable {
    MatrixClient matrix();

    /** True once the bot asked to stop on its own (it must not, whatever the server does). */
    boolean stopRequested();

    @Override
    void close();
  }

  public static Running start(DemoSandbox sandbox, Consumer<ObjectNode> adjust) {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(5));
    BotServices services = BotServices.live();
    AtomicBoolean stopRequested = new AtomicBoolean();
    try {
      new DemoRunner(services)
          .startBot(sandbox, LaunchOptions.logOnly(Path.of("config.json")), shutdown, adjust);
    } catch (BotServices.StartException e) {
      shutdown.stopAll();
      throw new AssertionError("the bot did not start: " + e.getMessage(), e);
    }
    Thread.ofVirtual()
        .name("fault-matrix-stop-watch")
        .start(() -> {
          try {
            shutdown.awaitStopRequest();
            stopRequested.set(true);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    MatrixClient matrix = services.running().orElseThrow().matrix();
    return new Running() {
      private volatile boolean closing;

      @Override
      public MatrixClient matrix() {
        return matrix;
      }

      @Override
      public boolean stopRequested() {
        return stopRequested.get() && !closing;
      }

      @Override
      public void close() {
        closing = true;
        shutdown.stopAll();
      }
    };
  }
}
