package cd.chatrix.app.boot;

import cd.chatrix.app.boot.console.LiveConsole;
import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.lease.Leadership;
import cd.chatrix.app.boot.run.DaemonStatus;
import cd.chatrix.app.boot.run.PidFile;
import cd.chatrix.app.boot.run.RunMode;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.boot.run.StopSignals;
import cd.chatrix.app.cli.ChatrixCommand;
import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.cli.StoreCommand;
import cd.chatrix.app.cli.Version;
import cd.chatrix.app.config.BotConfig;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigLoader;
import cd.chatrix.app.config.ConfigProblem;
import cd.chatrix.app.config.ConfigRenderer;
import cd.chatrix.app.config.ConfigSecrets;
import cd.chatrix.app.config.ConsoleLineReader;
import cd.chatrix.app.config.LoadResult;
import cd.chatrix.app.config.SetupWizard;
import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.logging.LogSettings;
import cd.chatrix.app.logging.Logging;
import cd.chatrix.app.logging.SecretRegistry;
import cd.chatrix.app.store.ConfiguredStore;
import cd.chatrix.app.store.StoreLock;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.StoreException;
import cd.chatrix.app.tui.ConsoleLogBuffer;
import cd.chatrix.app.tui.ConsoleOptions;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up in a fixed order, each step a gate for the next: logging, configuration (every problem
 * reported before anything connects), secrets registered for redaction, the store, then the bot's
 * services, and finally waiting for a signal or {@code !cd exit}.
 */
public final class Application implements ChatrixCommand.Launcher {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;

  /** {@code EX_CONFIG} from sysexits.h: service managers know it means "fix the configuration". */
  public static final int EXIT_CONFIG = 78;

  private static final Duration STOP_BUDGET_PER_PART = Duration.ofSeconds(10);

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final BotServices services;

  public Application(Map<String, String> environment, PrintStream out, PrintStream err) {
    this(environment, out, err, new LiveServices());
  }

  Application(
      Map<String, String> environment, PrintStream out, PrintStream err, BotServices services) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.err = err;
    this.services = services;
  }

  @Override
  public int run(LaunchOptions options) {
    if (options.setupWizard()) {
      return runWizard(options.configFile());
    }
    RunMode mode = RunMode.select(options.daemon(), options.logOnly(), interactiveTerminal());
    if (mode == RunMode.TUI && options.showConfig()) {
      mode = RunMode.LOG_ONLY;
    }
    Logging.configure(consoleLogSettings(options, mode));
    Optional<ChatrixConfig> loaded = loadConfig(options);
    if (loaded.isEmpty()) {
      return EXIT_CONFIG;
    }
    ChatrixConfig config = loaded.get();
    if (options.showConfig()) {
      out.println(ConfigRenderer.render(config, options.redact()));
      return EXIT_OK;
    }
    ConfigSecrets.of(config).forEach(SecretRegistry::register);
    try {
      Logging.configure(fullLogSettings(options, mode, config));
    } catch (IllegalStateException e) {
      err.println("chatrixcd: " + e.getMessage());
      return EXIT_CONFIG;
    }
    // Relative paths are taken from the config's folder: say where that put the store (to the
    // log file too, so it is there in console mode).
    LoggerFactory.getLogger(Application.class)
        .info(
            "Store: {} (the bot's session and encryption keys)",
            ConfiguredStore.dialect(config).location());
    return runServices(options, mode, config);
  }

  @Override
  public int demo(LaunchOptions options, boolean exitWhenDone) {
    return demoUntilStopped(
        options, shutdown -> new DemoRunner(services).run(options, exitWhenDone, shutdown, out));
  }

  @Override
  public int demoForAnotherProcess(LaunchOptions options, Path configOut) {
    return demoUntilStopped(
        options,
        shutdown -> new DemoRunner(services).serveAnotherProcess(configOut, shutdown, out));
  }

  /** What a demo does before it serves until stopped (Ctrl-C, or its own stop request). */
  @FunctionalInterface
  private interface DemoStart {
    void start(Shutdown shutdown) throws StartException;
  }

  private int demoUntilStopped(LaunchOptions options, DemoStart start) {
    // The transcript is the demo's output; log lines only with -v.
    Logging.configure(
        consoleLogSettings(options, RunMode.LOG_ONLY).withConsole(options.verbosity() > 0));
    Shutdown shutdown = new Shutdown(STOP_BUDGET_PER_PART);
    shutdown.installSignalHook();
    try {
      start.start(shutdown);
      shutdown.awaitStopRequest();
      return EXIT_OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_OK;
    } catch (StartException | RuntimeException e) {
      err.println("chatrixcd: the demo failed: " + e.getMessage());
      return EXIT_FAILURE;
    } finally {
      shutdown.stopAll();
      Logging.shutdown();
    }
  }

  @Override
  public int migrateStore(LaunchOptions options, StoreCommand.StoreMigration request) {
    Logging.configure(consoleLogSettings(options, RunMode.LOG_ONLY));
    Optional<ChatrixConfig> loaded = loadConfig(options);
    if (loaded.isEmpty()) {
      return EXIT_CONFIG;
    }
    ConfigSecrets.of(loaded.get()).forEach(SecretRegistry::register);
    try {
      return new StoreMigrate(out, err).run(loaded.get(), request);
    } finally {
      Logging.shutdown();
    }
  }

  private int runServices(LaunchOptions options, RunMode mode, ChatrixConfig config) {
    Logger log = LoggerFactory.getLogger(Application.class);
    Shutdown shutdown = new Shutdown(STOP_BUDGET_PER_PART);
    shutdown.installSignalHook();
    try (StopSignals signals = StopSignals.routeTo(shutdown)) {
      if (config.store().type() == StoreConfig.Type.SQLITE) {
        // Before the store opens (and migrates): a second bot on it would answer everything twice.
        shutdown.register(
            "store lock", StoreLock.claim(config.store().sqliteDirectory(config.matrix())));
      }
      Store store = ConfiguredStore.open(config);
      shutdown.register("store", store);
      // Closed just before the store, after everything that writes: a planned stop hands over.
      Leadership leadership = Leadership.of(config, store);
      shutdown.register("leader lease", leadership);
      Optional<DaemonStatus> daemon = Optional.empty();
      if (mode == RunMode.DAEMON) {
        PidFile pidFile =
            PidFile.claim(
                options.pidFile().orElse(config.matrix().storePath().resolve("chatrixcd.pid")));
        shutdown.register("PID file", pidFile);
        daemon = Optional.of(new DaemonStatus(out, pidFile));
        // A standby is up and healthy too: its launcher returns on that, not after its patience.
        leadership.whenStandingBy(daemon.get()::standingBy);
      }
      Optional<ConsoleLogBuffer> consoleLogs =
          mode == RunMode.TUI
              ? Optional.of(LiveConsole.captureLogs(config.bot().redact()))
              : Optional.empty();
      if (consoleLogs.isPresent()) {
        // Log lines wait in the console's buffer, so say here why the screen may stay quiet.
        out.println(
            "Starting: the console opens once the bot is connected. A server that is not up yet is"
                + " waited for (the Logs screen shows why); Ctrl-C stops.");
        out.flush();
      }
      services.start(
          new BotServices.Context(options, config, store, shutdown, environment, leadership));
      log.info("ChatrixCD {} is up", Version.current());
      // The launcher returns to the shell on this line, so it comes once the bot is really up:
      // a login or start-up failure is then still shown to whoever ran the launcher.
      daemon.ifPresent(DaemonStatus::running);
      if (consoleLogs.isPresent() && services.running().isPresent()) {
        runConsole(options, config, services.running().get(), consoleLogs.get());
      }
      shutdown.awaitStopRequest();
      return EXIT_OK;
    } catch (StoreLock.InUseException e) {
      err.println(
          "chatrixcd: "
              + e.getMessage()
              + " Two bots on one store would both answer every command: stop that one, or give"
              + " this one its own matrix.store_path.");
      return EXIT_FAILURE;
    } catch (StoreException | IOException e) {
      // Includes SchemaTooNewException, whose message says which version to upgrade to.
      err.println("chatrixcd: " + e.getMessage());
      return EXIT_FAILURE;
    } catch (StartException e) {
      return startFailed(e, log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_OK;
    } finally {
      shutdown.stopAll();
      Logging.shutdown();
    }
  }

  /** Says why start-up ended, and chooses the exit code that tells a service manager. */
  private int startFailed(StartException e, Logger log) {
    return switch (e.kind()) {
      case STOPPED -> {
        log.info("Stopped before the bot was up");
        yield EXIT_OK;
      }
      case CONFIGURATION -> {
        err.println("chatrixcd: " + e.getMessage());
        log.error("Start-up stopped: the configuration needs a change: {}", e.getMessage());
        yield EXIT_CONFIG;
      }
      case FAILED -> {
        err.println("chatrixcd: " + e.getMessage());
        log.error("Start-up failed: {}", e.getMessage());
        yield EXIT_FAILURE;
      }
    };
  }

  /**
   * The operator console in the foreground until the operator quits or a stop is requested; when
   * this is no usable terminal, the bot goes on in log mode instead.
   */
  private void runConsole(
      LaunchOptions options, ChatrixConfig config, RunningBot running, ConsoleLogBuffer logs)
      throws InterruptedException {
    ConsoleOptions look =
        ConsoleOptions.forTerminal(
            config.bot().colorEnabled(),
            config.bot().mouseEnabled(),
            config.bot().colorTheme().wireName(),
            environment);
    try {
      LiveConsole.run(running, logs, look);
    } catch (UncheckedIOException e) {
      err.println(
          "chatrixcd: the console could not start, so the bot runs log-only ("
              + e.getMessage()
              + ")");
      Logging.configure(fullLogSettings(options, RunMode.LOG_ONLY, config));
    }
  }

  private Optional<ChatrixConfig> loadConfig(LaunchOptions options) {
    Path file = options.configFile().toAbsolutePath();
    ConfigLoader loader = new ConfigLoader(environment, file.getParent());
    LoadResult result = loader.load(file, options.configOverrides());
    Logger log = LoggerFactory.getLogger(Application.class);
    return switch (result) {
      case LoadResult.Loaded loaded -> {
        loaded.warnings().forEach(w -> log.warn("Configuration: {}", w.describe()));
        yield Optional.of(loaded.config());
      }
      case LoadResult.Invalid invalid -> {
        if (options.showConfig()) {
          invalid
              .bestEffort()
              .ifPresent(c -> out.println(ConfigRenderer.render(c, options.redact())));
        }
        invalid.warnings().forEach(w -> log.warn("Configuration: {}", w.describe()));
        reportProblems(file, invalid.problems());
        yield Optional.empty();
      }
    };
  }

  private void reportProblems(Path file, List<ConfigProblem> problems) {
    if (problems.size() == 1 && problems.getFirst().keyPath().isEmpty()) {
      // The file as a whole (missing, unreadable, not JSON): the message names it already.
      err.println("chatrixcd: " + problems.getFirst().describe());
      err.println("Nothing was started.");
      return;
    }
    err.printf(
        "chatrixcd: %s has %d problem%s, so nothing was started:%n",
        file, problems.size(), problems.size() == 1 ? "" : "s");
    problems.forEach(p -> err.println("  - " + p.describe()));
    err.println(
        "Fix them and start again. `chatrixcd -s` shows what was read;"
            + " `chatrixcd -I` changes the main settings for you.");
  }

  private int runWizard(Path target) {
    try {
      SetupWizard.Outcome outcome =
          new SetupWizard(new ConsoleLineReader(), Clock.systemDefaultZone(), environment)
              .run(target);
      // The wizard has said what happened, with the file's full path; only the exit code is left.
      return switch (outcome) {
        case SetupWizard.Outcome.Written written -> EXIT_OK;
        case SetupWizard.Outcome.Unchanged unchanged -> EXIT_OK;
        case SetupWizard.Outcome.Cancelled cancelled -> EXIT_FAILURE;
        case SetupWizard.Outcome.Unusable unusable -> EXIT_CONFIG;
      };
    } catch (IOException | UncheckedIOException e) {
      err.println("chatrixcd: could not write " + target.toAbsolutePath() + ": " + e.getMessage());
      return EXIT_FAILURE;
    }
  }

  /** Before the config is read: console only, at the verbosity the flags ask for. */
  private static LogSettings consoleLogSettings(LaunchOptions options, RunMode mode) {
    return LogSettings.defaults()
        .withConsole(mode.logsToConsole())
        .withColour(options.colour())
        .withVerbosity(options.verbosity())
        .withRedactIdentifiers(options.redact());
  }

  private static LogSettings fullLogSettings(
      LaunchOptions options, RunMode mode, ChatrixConfig config) {
    // -v/-vv on the command line win; otherwise bot.verbosity sets the level.
    int verbosity =
        options.verbosity() > 0 ? options.verbosity() : verbosityOf(config.bot().verbosity());
    return consoleLogSettings(options, mode)
        .withColour(config.bot().colorEnabled())
        .withVerbosity(verbosity)
        .withRedactIdentifiers(config.bot().redact())
        .withFile(config.bot().logFile())
        .withRotation(
            config.log().maxFileSizeMb() * 1024L * 1024L, Math.max(1, config.log().maxFiles()))
        .withJson(config.log().json());
  }

  private static int verbosityOf(BotConfig.Verbosity level) {
    return switch (level) {
      case SILENT -> LogSettings.SILENT;
      case ERROR -> LogSettings.ERRORS;
      case WARN -> LogSettings.WARNINGS;
      case INFO -> 0;
      case DEBUG -> 1;
    };
  }

  private static boolean interactiveTerminal() {
    Console console = System.console();
    return console != null && console.isTerminal();
  }
}
