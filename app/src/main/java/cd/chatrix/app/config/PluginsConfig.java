package cd.chatrix.app.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code plugins}: the original's per-plugin settings that still mean something here. The Java
 * product has no plugin loader; these keys map onto built-in features.
 */
public record PluginsConfig(SemaphorePoll semaphorePoll, Aliases aliases) {

  static PluginsConfig defaults() {
    return new PluginsConfig(
        new SemaphorePoll(true, Duration.ofSeconds(10), Duration.ofSeconds(300)),
        new Aliases(true, Path.of("aliases.json")));
  }

  /**
   * Task monitoring by polling (used when Semaphore's push channel is unavailable).
   *
   * @param notificationInterval how often a "still running" reminder is posted; zero disables it
   */
  public record SemaphorePoll(
      boolean enabled, Duration pollInterval, Duration notificationInterval) {}

  /** Command aliases and the file they persist to. */
  public record Aliases(boolean enabled, Path aliasesFile) {}
}
