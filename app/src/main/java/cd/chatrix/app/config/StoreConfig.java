package cd.chatrix.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code store} section: which database keeps the bot's state. SQLite, the default, is a file
 * in {@link #path} (or {@code matrix.store_path} when that is unset, as in every config written
 * before this section existed); PostgreSQL is a server at {@link #url}, reached as {@link #user}
 * with {@link #password}.
 */
public record StoreConfig(
    Type type, Optional<Path> path, String url, String user, Secret password, Lease lease) {

  /** A store with the default lease timings. */
  public StoreConfig(Type type, Optional<Path> path, String url, String user, Secret password) {
    this(type, path, url, user, password, Lease.defaults());
  }

  static StoreConfig defaults() {
    return new StoreConfig(Type.SQLITE, Optional.empty(), "", "", Secret.NONE);
  }

  /**
   * {@code store.lease}: how replicas sharing a PostgreSQL store agree on the one that acts. The
   * leader renews its lease every {@code renew}; a lease not renewed for {@code duration} ends, and
   * a standby, looking every {@code check}, takes over. So a dead leader is replaced after at most
   * about {@code duration + check}, plus the new leader's start. Unused on SQLite.
   */
  public record Lease(Duration duration, Duration renew, Duration check) {
    /** The same with another lease length. */
    public Lease withDuration(Duration value) {
      return new Lease(value, renew, check);
    }

    public static Lease defaults() {
      return new Lease(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }
  }

  /** The directory of the SQLite database: {@code store.path}, else {@code matrix.store_path}. */
  public Path sqliteDirectory(MatrixConfig matrix) {
    return path.orElse(matrix.storePath());
  }

  /**
   * What is wrong with {@code url} as a PostgreSQL address, if anything: another scheme, or a
   * password in it (the URL is shown in messages and logs, so the password would travel with it).
   */
  public static Optional<ConfigProblem> urlProblem(String keyPath, String url) {
    String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    if (!plain.startsWith("postgresql://")) {
      return Optional.of(
          new ConfigProblem(
              keyPath,
              "must start with postgresql://",
              "for example postgresql://db.example.org:5432/chatrixcd"));
    }
    if (plain.matches("postgresql://[^/?#@]*:[^/?#@]*@.*")
        || plain.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
      return Optional.of(
          new ConfigProblem(
              keyPath,
              "contains a password",
              "remove it from the URL and put it in store.password_file (or STORE_PASSWORD)"));
    }
    return Optional.empty();
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
