package cd.chatrix.app.faults;

import cd.chatrix.app.boot.SandboxBot;
import cd.chatrix.app.boot.StartException;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.matrix.MatrixClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the real bot (config file, store, production wiring) on a sandbox for the homeserver fault
 * matrix, and watches whether it ever asks to stop on its own.
 */
final class HomeserverFaultBots {
  private HomeserverFaultBots() {}

  /** A running bot: its Matrix client, and whether anything asked it to stop. */
  interface Running extends AutoCloseable {
    MatrixClient matrix();

    /** True once the bot asked to stop on its own (it must not, whatever the server does). */
    boolean stopRequested();

    @Override
    void close();
  }

  static Running start(DemoSandbox sandbox, Consumer<ObjectNode> adjust) {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(5));
    AtomicBoolean stopRequested = new AtomicBoolean();
    MatrixClient matrix;
    try {
      matrix = SandboxBot.start(sandbox, shutdown, adjust).matrix();
    } catch (StartException e) {
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
