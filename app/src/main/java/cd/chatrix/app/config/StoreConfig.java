package cd.chatrix.app.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code store} section: which database keeps the bot's state. SQLite, the default, is a file
 * in {@link #path} (or {@code matrix.store_path} when that is unset, as in every config written
 * before this section existed); PostgreSQL is a server at {@link #url}, reached as {@link #user}
 * with {@link #password}.
 */
public record StoreConfig(
    Type type, Optional<Path> path, String url, String user, Secret password) {

  static StoreConfig defaults() {
    return new StoreConfig(Type.SQLITE, Optional.empty(), "", "", Secret.NONE);
  }

  /** The directory of the SQLite database: {@code store.path}, else {@code matrix.store_path}. */
  public Path sqliteDirectory(MatrixConfig matrix) {
    return path.orElse(matrix.storePath());
  }

  /** The database engine. */
  public enum Type {
    SQLITE,
    POSTGRESQL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
