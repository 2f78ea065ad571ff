package cd.chatrix.app.cli;

import cd.chatrix.app.config.BotConfig;
import cd.chatrix.app.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asked for, as plain values: the parsed form that the rest of the app reads,
 * so nothing outside {@code cli} depends on picocli.
 *
 * @param verbosity 0 = info, 1 = debug for ChatrixCD ({@code -v}), 2 = debug for libraries too
 */
public record LaunchOptions(
    Path configFile,
    boolean logOnly,
    boolean daemon,
    boolean colour,
    int verbosity,
    boolean showConfig,
    List<String> extraAdmins,
    List<String> extraRooms,
    boolean redact,
    boolean noGreetings,
    boolean setupWizard,
    boolean mouse,
    Optional<Path> pidFile) {

  public LaunchOptions {
    extraAdmins = List.copyOf(extraAdmins);
    extraRooms = List.copyOf(extraRooms);
  }

  /** {@code -L -c configFile} and nothing else: how the demo and tests start the bot. */
  public static LaunchOptions logOnly(Path configFile) {
    return new LaunchOptions(
        configFile,
        true,
        false,
        false,
        0,
        false,
        List.of(),
        List.of(),
        false,
        false,
        false,
        false,
        Optional.empty());
  }

  /** What these flags change in the configuration file's values, on every (re)load. */
  public ConfigOverrides configOverrides() {
    return new ConfigOverrides(
        extraAdmins,
        extraRooms,
        noGreetings,
        redact,
        colour,
        mouse,
        verbosity > 0 ? Optional.of(BotConfig.Verbosity.DEBUG) : Optional.empty());
  }
}
