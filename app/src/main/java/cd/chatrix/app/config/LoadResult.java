package cd.chatrix.app.config;

import java.util.List;
import java.util.Optional;

/** What {@link ConfigLoader} produced: a usable configuration, or every reason it is not. */
public sealed interface LoadResult {

  /** The configuration is valid; warnings (unknown keys, ignored legacy keys) are worth showing. */
  record Loaded(ChatrixConfig config, List<ConfigProblem> warnings) implements LoadResult {
    public Loaded {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The configuration cannot be used; {@code problems} lists every mistake found, not just one.
   * {@code bestEffort} is what could be read, with defaults where values were wrong, for {@code -s}
   * to show; it is empty when the file is not even valid JSON. Never start the bot with it.
   */
  record Invalid(
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings,
      Optional<ChatrixConfig> bestEffort)
      implements LoadResult {
    public Invalid {
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }

    Invalid(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
      this(problems, warnings, Optional.empty());
    }
  }
}
