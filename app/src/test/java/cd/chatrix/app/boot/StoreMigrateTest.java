package cd.chatrix.app.boot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.cli.StoreCommand.StoreMigration;
import cd.chatrix.app.cli.StoreCommand.Target;
import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.StoreLock;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatrixcd store migrate --to postgresql} from the configuration to the printed report. */
class StoreMigrateTest {
  private static final String DB_PASSWORD = "pg-secret-9c1e7";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int migrate(String storeSection, StoreMigration request) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        """
        {
          "matrix": {"homeserver": "https://matrix.example.org", "user_id": "@bot:example.org",
                     "password": "pw", "store_path": "store"},
          "semaphore": {"url": "https://semaphore.example.org", "api_token": "tok"},
          "bot": {"log_file": "bot.log"},
          "store": %s
        }
        """
            .formatted(storeSection));
    var application =
        new Application(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return application.migrateStore(options(config), request);
  }

  private static LaunchOptions options(Path config) {
    return new LaunchOptions(
        config,
        true,
        false,
        false,
        0,
        false,
        List.of(),
        List.of(),
        false,
        true,
        false,
        false,
        Optional.empty());
  }

  private static StoreMigration fromConfig() {
    return new StoreMigration(
        Target.POSTGRESQL, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private void sqliteStoreWithASyncPosition() {
    try (Store store = Store.open(dir.resolve("store"), Schema.MIGRATIONS)) {
      new KeyValueStore(store).put("matrix.sync", "since", "s99");
    }
  }

  /** A {@code store} section naming {@code target}, its password in a file beside the config. */
  private String storeSectionFor(Dialect target) throws IOException {
    Files.writeString(dir.resolve("pg-password"), DB_PASSWORD);
    return """
    {"url": "%s", "user": "postgres", "password_file": "pg-password"}\
    """
        .formatted(target.location());
  }

  private static Dialect emptyDatabase() {
    return Engine.freshPostgresDatabase("migrate_cli_" + DATABASES.incrementAndGet());
  }

  @Test
  void copiesIntoTheConfiguredDatabaseAndSaysWhatItCopied() throws IOException {
    sqliteStoreWithASyncPosition();
    Dialect target = emptyDatabase();
    String section = storeSectionFor(target);

    assertThat(migrate(section, fromConfig())).as(err.toString()).isZero();

    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("Copying " + dir.resolve("store/chatrixcd.db"))
        .containsPattern("kv_entries +1 rows")
        .contains("every count matches the source")
        .contains("set store.type to postgresql")
        .doesNotContain(DB_PASSWORD);
    try (Store store = Store.open(target, Schema.MIGRATIONS)) {
      assertThat(new KeyValueStore(store).get("matrix.sync", "since")).contains("s99");
    }
  }

  @Test
  void aStoreABotStillHoldsIsNotCopied() throws IOException {
    sqliteStoreWithASyncPosition();
    Dialect target = emptyDatabase();
    String section = storeSectionFor(target);

    try (StoreLock running = StoreLock.claim(dir.resolve("store"))) {
      assertThat(migrate(section, fromConfig())).isEqualTo(Application.EXIT_FAILURE);
    }

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("is using the store in " + dir.resolve("store"))
        .contains("Stop it, then migrate");
    try (Store store = Store.open(target, Schema.MIGRATIONS)) {
      assertThat(new KeyValueStore(store).get("matrix.sync", "since")).isEmpty();
    }
    assertThat(migrate(section, fromConfig())).as("once the bot is gone").isZero();
  }

  @Test
  void aSecondRunIsRefusedBecauseTheTargetIsNoLongerEmpty() throws IOException {
    sqliteStoreWithASyncPosition();
    Dialect target = emptyDatabase();
    Files.writeString(dir.resolve("pg-password"), DB_PASSWORD);
    StoreMigration byFlags =
        new StoreMigration(
            Target.POSTGRESQL,
            Optional.of(target.location()),
            Optional.of("postgres"),
            Optional.of(dir.resolve("pg-password")));
    assertThat(migrate("{}", byFlags)).isZero();

    assertThat(migrate("{}", byFlags)).isEqualTo(Application.EXIT_FAILURE);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("is not empty")
        .contains("create a new database")
        .doesNotContain(DB_PASSWORD);
  }

  @Test
  void withoutATargetOrASourceItSaysWhatToGive() throws IOException {
    sqliteStoreWithASyncPosition();
    assertThat(migrate("{}", fromConfig())).isEqualTo(Application.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("give --url, or set store.url");

    err.reset();
    String withPassword = "{\"url\": \"postgresql://bot:" + DB_PASSWORD + "@db/chatrixcd\"}";
    assertThat(migrate(withPassword, fromConfig())).isEqualTo(Application.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("contains a password")
        .doesNotContain(DB_PASSWORD);

    err.reset();
    Files.delete(dir.resolve("store/chatrixcd.db"));
    assertThat(migrate("{\"url\": \"postgresql://db/x\"}", fromConfig()))
        .isEqualTo(Application.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no SQLite store in");
  }
}
