package cd.chatrix.app.config;

import cd.chatrix.app.config.BotConfig.Verbosity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line settings that win over the file: {@code -a} (admins added), {@code -r} (rooms
 * added), {@code -N} (no greetings), {@code -R} (redact), {@code -C} (colour), {@code -m} (mouse)
 * and {@code -v} (log level). The loader applies them after every load, including each hot reload,
 * so a reload never silently drops them (the original did).
 */
public record ConfigOverrides(
    List<String> addAdmins,
    List<String> addRooms,
    boolean noGreetings,
    boolean redact,
    boolean color,
    boolean mouse,
    Optional<Verbosity> verbosity) {

  public ConfigOverrides {
    addAdmins = List.copyOf(addAdmins);
    addRooms = List.copyOf(addRooms);
  }

  /** No command-line settings. */
  public static ConfigOverrides none() {
    return new ConfigOverrides(List.of(), List.of(), false, false, false, false, Optional.empty());
  }

  public ChatrixConfig applyTo(ChatrixConfig config) {
    BotConfig b = config.bot();
    BotConfig bot =
        new BotConfig(
            b.commandPrefix(),
            union(b.allowedRooms(), addRooms),
            union(b.adminUsers(), addAdmins),
            b.denyByDefault(),
            b.greetingsEnabled() && !noGreetings,
            b.greetingRooms(),
            b.startupMessage(),
            b.shutdownMessage(),
            b.logFile(),
            b.mouseEnabled() || mouse,
            b.colorEnabled() || color,
            b.colorTheme(),
            verbosity.orElse(b.verbosity()),
            b.confirmationTimeout(),
            b.invitePolicy(),
            b.rateLimitPerMinute(),
            b.redact() || redact,
            b.policy());
    return config.withBot(bot);
  }

  private static List<String> union(List<String> base, List<String> added) {
    Set<String> all = new LinkedHashSet<>(base);
    added.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(all::add);
    return List.copyOf(all);
  }
}
