package cd.chatrix.app.tui.live;

import cd.chatrix.app.RunningBot;
import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.demo.DemoSandbox;
import cd.chatrix.app.run.Shutdown;
import cd.chatrix.testkit.matrix.TestUser;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The real bot (configuration file, SQLite store, live wiring) started against the demo sandbox's
 * homeserver and Semaphore, the way {@code EndToEndTest} starts it. The start-up entry points are
 * package-private in {@code cd.chatrix.app}, so this reaches them by reflection.
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
      Class<?> servicesType = Class.forName("cd.chatrix.app.BotServices");
      Method live = servicesType.getDeclaredMethod("live");
      live.setAccessible(true);
      Object services = live.invoke(null);
      Class<?> runnerType = Class.forName("cd.chatrix.app.DemoRunner");
      Constructor<?> create = runnerType.getDeclaredConstructor(servicesType);
      create.setAccessible(true);
      Method startBot =
          runnerType.getDeclaredMethod(
              "startBot", DemoSandbox.class, LaunchOptions.class, Shutdown.class);
      startBot.setAccessible(true);
      startBot.invoke(
          create.newInstance(services),
          sandbox,
          LaunchOptions.logOnly(Path.of("config.json")),
          shutdown);
      Method running = servicesType.getDeclaredMethod("running");
      running.setAccessible(true);
      @SuppressWarnings("unchecked")
      Optional<RunningBot> bot = (Optional<RunningBot>) running.invoke(services);
      LiveBot started =
          new LiveBot(
              sandbox,
              shutdown,
              bot.orElseThrow(() -> new IllegalStateException("the bot did not report running")));
      started.awaitBotJoined();
      return started;
    } catch (InvocationTargetException e) {
      shutdown.stopAll();
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (RuntimeException | ReflectiveOperationException e) {
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
