package cd.chatrix.app.store.bot;

import cd.chatrix.app.config.AliasesFile;
import cd.chatrix.app.config.ParseOutcome;
import cd.chatrix.bot.store.AliasStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AliasStore} backed by {@code aliases.json}, a flat object alias → command. Parsing and
 * writing are the config module's ({@link AliasesFile}), so the file watcher and this store agree
 * on the format; writes replace the file atomically and keep its permissions.
 */
public final class FileAliasStore implements AliasStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileAliasStore.class);

  private final Path file;

  public FileAliasStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /**
   * The aliases in the file; empty when it does not exist.
   *
   * @throws IllegalStateException when the file is not a JSON object of alias names to commands
   * @throws UncheckedIOException when it exists but cannot be read
   */
  @Override
  public synchronized Map<String, String> load() {
    Optional<String> content;
    try {
      content = Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException missing) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the aliases file "
              + file
              + " ("
              + e
              + "); check that this user may read it.",
          e);
    }
    return switch (AliasesFile.parse(content)) {
      case ParseOutcome.Parsed<Map<String, String>> parsed -> {
        parsed.warnings().forEach(w -> LOG.warn("{}: {}", file, w));
        yield Map.copyOf(parsed.value());
      }
      case ParseOutcome.Rejected<Map<String, String>> rejected ->
          throw new IllegalStateException(
              "The aliases file "
                  + file
                  + " is not valid: "
                  + rejected.reason()
                  + ". Fix it, or move it away to start without aliases.");
    };
  }

  @Override
  public synchronized void save(Map<String, String> aliases) {
    try {
      AliasesFile.write(file, aliases);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot save the aliases to "
              + file
              + " ("
              + e
              + "); check free disk space and that this user may write the directory.",
          e);
    }
  }
}
