package cd.chatrix.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bot} section: chat behaviour, access lists, greetings, console appearance and the
 * policy. {@code redact} is set by {@code -R} (or the file) and hides identities in output.
 */
public record BotConfig(
    String commandPrefix,
    List<String> allowedRooms,
    List<String> adminUsers,
    boolean denyByDefault,
    boolean greetingsEnabled,
    List<String> greetingRooms,
    String startupMessage,
    String shutdownMessage,
    Path logFile,
    boolean mouseEnabled,
    boolean colorEnabled,
    ColorTheme colorTheme,
    Verbosity verbosity,
    Duration confirmationTimeout,
    InvitePolicy invitePolicy,
    int rateLimitPerMinute,
    boolean redact,
    PolicyConfig policy) {

  public BotConfig {
    allowedRooms = List.copyOf(allowedRooms);
    adminUsers = List.copyOf(adminUsers);
    greetingRooms = List.copyOf(greetingRooms);
  }

  static BotConfig defaults() {
    return new BotConfig(
        "!cd",
        List.of(),
        List.of(),
        false,
        true,
        List.of(),
        "ChatrixCD is up. Send !cd help to see what I can do.",
        "ChatrixCD is going offline for now.",
        Path.of("chatrixcd.log"),
        false,
        false,
        ColorTheme.DEFAULT,
        Verbosity.INFO,
        Duration.ofSeconds(300),
        InvitePolicy.ALLOWED_USERS,
        30,
        false,
        PolicyConfig.defaults());
  }

  /** Console log level chosen in the file; {@code -v} overrides it. */
  public enum Verbosity {
    SILENT,
    ERROR,
    WARN,
    INFO,
    DEBUG;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** TUI colour theme. */
  public enum ColorTheme {
    DEFAULT,
    MIDNIGHT,
    GRAYSCALE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whose room invitations the bot accepts. */
  public enum InvitePolicy {
    /** Users who may use the bot (admins, users with a policy role, or everyone when open). */
    ALLOWED_USERS,
    ANYONE,
    NOBODY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
