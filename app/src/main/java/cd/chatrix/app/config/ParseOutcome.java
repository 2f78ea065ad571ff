package cd.chatrix.app.config;

import java.util.List;

/** What a {@link FileParser} made of one version of a file. */
public sealed interface ParseOutcome<T> {

  /** Usable content; warnings are logged but do not stop the swap. */
  record Parsed<T>(T value, List<String> warnings) implements ParseOutcome<T> {
    public Parsed {
      warnings = List.copyOf(warnings);
    }
  }

  /** Unusable content; {@code reason} is logged and the last good value stays in use. */
  record Rejected<T>(String reason) implements ParseOutcome<T> {}
}
