package cd.chatrix.app.boot.console;

import cd.chatrix.app.boot.SandboxBot;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The real bot (configuration file, SQLite store, live wiring) started against the demo sandbox's
 * homeserver and Semaphore, the way {@code EndToEndTest} starts it.
 */
final class LiveBot implements AutoCloseable {
  static final Duration ANSWER = Duration.ofSeconds(30);

  final DemoSandbox sandbox;
  final Shutdown shutdown;
  final RunningBot running;

  private LiveBot(DemoSandbox sandbox, Shutdown shutdown, RunningBot running) {
    this.sandbox = sandbox;
    this.shutdown = shutdown;
    this.running = running;
  }

  static LiveBot start() throws Exception {
    DemoSandbox sandbox = DemoSandbox.start();
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(5));
    shutdown.register("sandbox", sandbox);
    try {
      LiveBot started =
          new LiveBot(sandbox, shutdown, SandboxBot.start(sandbox, shutdown, c -> {}));
      started.awaitBotJoined();
      return started;
    } catch (Exception | Error e) {
      shutdown.stopAll();
      throw e;
    }
  }

  TestUser person() {
    return sandbox.person();
  }

  String room() {
    return sandbox.roomId();
  }

  /** Waits for an {@code m.room.message} from the bot that {@code wanted} accepts. */
  JsonNode awaitBotMessage(java.util.function.Predicate<JsonNode> wanted) {
    return person()
        .awaitEvent(
            room(),
            e ->
                sandbox.botUserId().equals(e.path("sender").asString(""))
                    && "m.room.message".equals(e.path("type").asString(""))
                    && wanted.test(e),
            ANSWER);
  }

  private void awaitBotJoined() {
    person()
        .awaitEvent(
            room(),
            e ->
                "m.room.member".equals(e.path("type").asString(""))
                    && sandbox.botUserId().equals(e.path("state_key").asString(""))
                    && "join".equals(e.path("content").path("membership").asString("")),
            ANSWER);
  }

  @Override
  public void close() {
    shutdown.stopAll();
  }
}
