package cd.chatrix.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * The {@code chatrixcd} command. Flags match the original ChatrixCD, so existing scripts and unit
 * files keep working; {@code --pid-file} and the {@code demo} and {@code store} subcommands are
 * new.
 */
@Command(
    name = "chatrixcd",
    mixinStandardHelpOptions = true,
    versionProvider = ChatrixCommand.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "A Matrix bot that runs, approves, watches and stops Semaphore UI tasks from a chat room.",
      "",
      "On an interactive terminal it opens the operator console; otherwise it logs to the console"
          + " and the log file."
    },
    footer = {
      "",
      "Exit codes: 0 stopped cleanly, 1 failed at run time, 2 bad command line,"
          + " 78 configuration problems (all are listed)."
    },
    subcommands = {DemoCommand.class, StoreCommand.class})
public final class ChatrixCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Configuration file (default: ${DEFAULT-VALUE}); it must exist (-I creates it).",
      defaultValue = "config.json")
  Path configFile;

  @Option(
      names = {"-L", "--log-only"},
      description = "No operator console: log to the console and the log file.")
  boolean logOnly;

  @Option(
      names = {"-D", "--daemon"},
      description = "Run detached in the background with a PID file (through the launcher).")
  boolean daemon;

  @Option(
      names = {"-C", "--color"},
      description = "Coloured console logs and the console's colour theme.")
  boolean colour;

  @Option(
      names = {"-v", "--verbose"},
      description = "More detail: -v debug for ChatrixCD, -vv for its libraries too.")
  boolean[] verbose = new boolean[0];

  @Option(
      names = {"-s", "--show-config"},
      description = "Print the effective configuration with secrets redacted, then exit.")
  boolean showConfig;

  @Option(
      names = {"-a", "--admin"},
      paramLabel = "USER",
      description = "Add an admin user (repeatable), e.g. -a @alice:example.org.")
  List<String> admins = new ArrayList<>();

  @Option(
      names = {"-r", "--room"},
      paramLabel = "ROOM",
      description = "Add an allowed room (repeatable), e.g. -r '!abc:example.org'.")
  List<String> rooms = new ArrayList<>();

  @Option(
      names = {"-R", "--redact"},
      description = "Also hide user ids, room ids, IP addresses and host names in logs.")
  boolean redact;

  @Option(
      names = {"-N", "--no-greetings"},
      description = "Send no startup or shutdown messages.")
  boolean noGreetings;

  @Option(
      names = {"-I", "--init"},
      description =
          "Create the configuration file, or change its main settings, by answering questions.")
  boolean init;

  @Option(
      names = {"-m", "--mouse"},
      description = "Mouse support in the operator console.")
  boolean mouse;

  @Option(
      names = "--pid-file",
      paramLabel = "FILE",
      description = "PID file for daemon mode (default: chatrixcd.pid in the store directory).")
  Path pidFile;

  private final Launcher launcher;

  /**
   * @param launcher starts the product (or the demo) with the parsed options
   */
  public ChatrixCommand(Launcher launcher) {
    this.launcher = launcher;
  }

  /** What the command line hands the parsed options to; the app's wiring implements it. */
  public interface Launcher {
    /** Runs the bot and returns the process exit code. */
    int run(LaunchOptions options);

    /**
     * Runs the self-contained demo sandbox and returns the process exit code; with {@code
     * exitWhenDone} it ends after its scripted conversation instead of waiting for Ctrl-C.
     */
    int demo(LaunchOptions options, boolean exitWhenDone);

    /**
     * Serves the demo's sandbox and plays its conversation for a bot started in another process
     * from the configuration written to {@code configOut}: how the launcher trains the start-up
     * cache on the bot alone. Returns the process exit code.
     */
    int demoForAnotherProcess(LaunchOptions options, java.nio.file.Path configOut);

    /** Copies the SQLite store into an empty database and returns the process exit code. */
    int migrateStore(LaunchOptions options, StoreCommand.StoreMigration request);
  }

  Launcher launcher() {
    return launcher;
  }

  /** The parsed command line as plain values. */
  public LaunchOptions options() {
    return new LaunchOptions(
        configFile,
        logOnly,
        daemon,
        colour,
        Math.min(verbose.length, 2),
        showConfig,
        admins,
        rooms,
        redact,
        noGreetings,
        init,
        mouse,
        Optional.ofNullable(pidFile));
  }

  @Override
  public Integer call() {
    return launcher.run(options());
  }

  /** {@code -V}: the product's name and version. */
  public static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "ChatrixCD " + Version.current(), "Java " + Runtime.version() + " (" + javaVendor() + ")"
      };
    }

    private static String javaVendor() {
      return System.getProperty("java.vendor", "unknown vendor");
    }
  }
}
