package cd.chatrix.app.logging;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the process logs. Built from the CLI and {@code bot.log_file}:
 *
 * <ul>
 *   <li>{@code console}: lines on standard error; off in TUI mode, where the screen belongs to the
 *       TUI.
 *   <li>{@code colour}: ANSI colours on the console ({@code -C}); never in files.
 *   <li>{@code file}: the log file, rotated when it reaches {@code maxFileBytes}, keeping {@code
 *       maxFiles} old files as {@code <file>.1} (newest) … {@code <file>.<maxFiles>}.
 *   <li>{@code json}: JSON lines instead of text, on every output.
 *   <li>{@code verbosity}: 0 = INFO; 1 ({@code -v}) = DEBUG for {@code cd.chatrix.*}; 2 ({@code
 *       -vv}) = DEBUG for libraries too. Higher counts mean 2. Below zero, quieter: {@link
 *       #WARNINGS}, {@link #ERRORS}, {@link #SILENT} ({@code bot.verbosity} warn, error, silent).
 *   <li>{@code redactIdentifiers} ({@code -R}): also hide user ids, room ids, IPs and host names.
 *       Secrets are hidden regardless.
 * </ul>
 */
public record LogSettings(
    boolean console,
    boolean colour,
    Optional<Path> file,
    long maxFileBytes,
    int maxFiles,
    boolean json,
    int verbosity,
    boolean redactIdentifiers) {
  /** Warnings and errors only. */
  public static final int WARNINGS = -1;

  /** Errors only. */
  public static final int ERRORS = -2;

  /** No log lines at all. */
  public static final int SILENT = -3;

  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_MAX_FILES = 5;

  /** Logback's fixed-window rolling keeps at most this many old files. */
  public static final int MAX_FILES_LIMIT = 20;

  public LogSettings {
    Objects.requireNonNull(file, "file");
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException(
          "log file size limit must be at least 1024 bytes, got " + maxFileBytes);
    }
    if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
      throw new IllegalArgumentException(
          "number of rotated log files must be between 1 and "
              + MAX_FILES_LIMIT
              + ", got "
              + maxFiles);
    }
    verbosity = Math.clamp(verbosity, SILENT, 2);
  }

  /** Console only, plain text, INFO, secrets redacted, no file. */
  public static LogSettings defaults() {
    return new LogSettings(
        true, false, Optional.empty(), DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, false, 0, false);
  }

  public LogSettings withConsole(boolean on) {
    return new LogSettings(
        on, colour, file, maxFileBytes, maxFiles, json, verbosity, redactIdentifiers);
  }

  public LogSettings withColour(boolean on) {
    return new LogSettings(
        console, on, file, maxFileBytes, maxFiles, json, verbosity, redactIdentifiers);
  }

  public LogSettings withFile(Path path) {
    return withFile(Optional.of(path));
  }

  public LogSettings withoutFile() {
    return withFile(Optional.empty());
  }

  private LogSettings withFile(Optional<Path> path) {
    return new LogSettings(
        console, colour, path, maxFileBytes, maxFiles, json, verbosity, redactIdentifiers);
  }

  public LogSettings withRotation(long maxBytes, int files) {
    return new LogSettings(
        console, colour, file, maxBytes, files, json, verbosity, redactIdentifiers);
  }

  public LogSettings withJson(boolean on) {
    return new LogSettings(
        console, colour, file, maxFileBytes, maxFiles, on, verbosity, redactIdentifiers);
  }

  public LogSettings withVerbosity(int count) {
    return new LogSettings(
        console, colour, file, maxFileBytes, maxFiles, json, count, redactIdentifiers);
  }

  public LogSettings withRedactIdentifiers(boolean on) {
    return new LogSettings(console, colour, file, maxFileBytes, maxFiles, json, verbosity, on);
  }
}
