package cd.chatrix.app.boot;

import cd.chatrix.app.boot.demo.DemoConversation;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.lease.Leadership;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigLoader;
import cd.chatrix.app.config.ConfigOverrides;
import cd.chatrix.app.config.ConfigProblem;
import cd.chatrix.app.config.LoadResult;
import cd.chatrix.app.store.ConfiguredStore;
import cd.chatrix.app.store.sql.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code chatrixcd demo}: the real bot, started through the same configuration and wiring as
 * production, against an in-process homeserver and Semaphore, followed by a short scripted
 * conversation so a newcomer sees a run end to end.
 */
final class DemoRunner {
  /** A bot in another process, started cold while training its cache, may take this long. */
  private static final Duration BOT_START_WAIT = Duration.ofMinutes(3);

  private final BotServices services;

  DemoRunner(BotServices services) {
    this.services = services;
  }

  void run(LaunchOptions options, boolean exitWhenDone, Shutdown shutdown, PrintStream out)
      throws StartException {
    out.println("Starting a sandbox: a Matrix homeserver and a Semaphore, both on this machine...");
    DemoSandbox sandbox = DemoSandbox.start();
    shutdown.register("demo servers", sandbox);
    startBot(sandbox, options, shutdown);

    out.println("The bot is online. A short conversation in the room \"ChatrixCD demo\":");
    out.println();
    DemoConversation.Outcome outcome = new DemoConversation(sandbox, out).play();
    out.println();
    out.println("That was a whole run: asked, confirmed, watched, announced.");
    out.println("Try it yourself with any Matrix client:");
    out.println("  homeserver  " + sandbox.homeserver().baseUri());
    out.println(
        "  user        "
            + DemoSandbox.PERSON_LOCALPART
            + "  password "
            + DemoSandbox.PERSON_PASSWORD);
    out.println("  room        ChatrixCD demo  (" + sandbox.roomId() + ")");
    out.println(
        "Also try \"Patch database\" (fails) and \"Plan infrastructure\" (waits for a confirm)."
            + " Ctrl-C stops the demo.");
    out.flush();
    if (outcome.runAnnouncement().isEmpty()) {
      throw new StartException("the bot announced the run with an empty message", null);
    }
    if (exitWhenDone) {
      shutdown.requestStop();
    }
  }

  /**
   * The sandbox and the conversation without the bot: its configuration goes to {@code configOut}
   * for a bot in another process, and the conversation waits until that bot has joined the room.
   * Says {@code ready} once the file is written and {@code done} once the run was announced, each
   * on a line of its own (the launcher's training reads them), then serves until stopped.
   */
  void serveAnotherProcess(Path configOut, Shutdown shutdown, PrintStream out) {
    DemoSandbox sandbox = DemoSandbox.start();
    shutdown.register("demo servers", sandbox);
    try {
      Files.copy(sandbox.writeConfig(), configOut, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + configOut, e);
    }
    out.println("ready " + configOut);
    out.flush();
    sandbox.awaitBotJoined(BOT_START_WAIT);
    new DemoConversation(sandbox, new PrintStream(OutputStream.nullOutputStream())).play();
    out.println("done");
    out.flush();
  }

  /**
   * Starts the bot against {@code sandbox} through the real configuration file, store and wiring;
   * everything it starts is registered with {@code shutdown}.
   */
  void startBot(DemoSandbox sandbox, LaunchOptions options, Shutdown shutdown)
      throws StartException {
    startBot(sandbox, options, shutdown, config -> {});
  }

  /** The same, with the sandbox's config adjusted first (see {@link DemoSandbox#writeConfig}). */
  void startBot(
      DemoSandbox sandbox,
      LaunchOptions options,
      Shutdown shutdown,
      Consumer<ObjectNode> adjustConfig)
      throws StartException {
    Path configFile = sandbox.writeConfig(adjustConfig);
    ChatrixConfig config = load(configFile);
    Store store = ConfiguredStore.open(config);
    shutdown.register("store", store);
    services.start(
        new BotServices.Context(
            demoOptions(options, configFile),
            config,
            store,
            shutdown,
            Map.of(),
            Leadership.sole()));
  }

  private static ChatrixConfig load(Path configFile) throws StartException {
    LoadResult result =
        new ConfigLoader(Map.of(), configFile.getParent()).load(configFile, ConfigOverrides.none());
    return switch (result) {
      case LoadResult.Loaded loaded -> loaded.config();
      case LoadResult.Invalid invalid ->
          throw new StartException(
              "the demo's own configuration was refused: "
                  + invalid.problems().stream()
                      .map(ConfigProblem::describe)
                      .collect(Collectors.joining("; ")),
              null);
    };
  }

  private static LaunchOptions demoOptions(LaunchOptions given, Path configFile) {
    return new LaunchOptions(
        configFile,
        true,
        false,
        given.colour(),
        given.verbosity(),
        false,
        List.of(),
        List.of(),
        given.redact(),
        false,
        false,
        false,
        Optional.empty());
  }
}
