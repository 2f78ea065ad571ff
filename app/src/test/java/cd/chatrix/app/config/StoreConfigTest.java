package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code store} section: SQLite by default, PostgreSQL with its URL, user and password. */
class StoreConfigTest {
  private static final String PASSWORD = "pg-pass-4711";

  @TempDir Path dir;

  private static String withStore(String store) {
    return """
    {
      "matrix": {"homeserver": "https://hs.example.org", "user_id": "@bot:example.org",
                 "password": "pw"},
      "semaphore": {"url": "https://sem.example.org", "api_token": "tok"}%s
    }
    """
        .formatted(store.isEmpty() ? "" : ",\n  \"store\": " + store);
  }

  private LoadResult load(String text, Map<String, String> env) {
    return new ConfigLoader(env, dir)
        .loadText(text, dir.resolve("config.json"), ConfigOverrides.none());
  }

  private static ChatrixConfig loaded(LoadResult result) {
    assertThat(result).as("%s", result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }

  private static List<ConfigProblem> problems(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    return ((LoadResult.Invalid) result).problems();
  }

  @Test
  void aConfigWithoutTheSectionKeepsItsSqliteStoreInMatrixStorePath() {
    ChatrixConfig config = loaded(load(withStore(""), Map.of()));

    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.SQLITE);
    assertThat(config.store().path()).isEmpty();
    assertThat(config.store().sqliteDirectory(config.matrix()))
        .isEqualTo(config.matrix().storePath())
        .isEqualTo(dir.resolve("store").normalize());
  }

  @Test
  void storePathMovesTheSqliteDatabaseRelativeToTheConfigFile() {
    ChatrixConfig config = loaded(load(withStore("{\"path\": \"db\"}"), Map.of()));

    assertThat(config.store().sqliteDirectory(config.matrix())).isEqualTo(dir.resolve("db"));
  }

  @Test
  void postgresqlTakesItsPasswordFromAFileAndNeverShowsIt() throws IOException {
    Files.writeString(dir.resolve("pg.txt"), PASSWORD + "\n");
    String text =
        withStore(
            """
            {"type": "postgresql", "url": "postgresql://db.example.org:5432/chatrixcd",
             "user": "chatrixcd", "password_file": "pg.txt"}\
            """);

    ChatrixConfig config = loaded(load(text, Map.of()));

    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.POSTGRESQL);
    assertThat(config.store().url()).isEqualTo("postgresql://db.example.org:5432/chatrixcd");
    assertThat(config.store().user()).isEqualTo("chatrixcd");
    assertThat(config.store().password().reveal()).isEqualTo(PASSWORD);
    assertThat(config.toString()).doesNotContain(PASSWORD);
    assertThat(ConfigRenderer.render(config, false))
        .doesNotContain(PASSWORD)
        .contains("\"password\" : \"***\"")
        .contains("\"type\" : \"postgresql\"");
    assertThat(ConfigSecrets.of(config)).contains(PASSWORD);
  }

  @Test
  void theEnvironmentFillsTheSection() {
    ChatrixConfig config =
        loaded(
            load(
                withStore(""),
                Map.of(
                    "STORE_TYPE", "postgresql",
                    "STORE_URL", "postgresql://db/chatrixcd",
                    "STORE_USER", "bot",
                    "STORE_PASSWORD", PASSWORD)));

    assertThat(config.store())
        .isEqualTo(
            new StoreConfig(
                StoreConfig.Type.POSTGRESQL,
                Optional.empty(),
                "postgresql://db/chatrixcd",
                "bot",
                Secret.of(PASSWORD)));
  }

  @Test
  void postgresqlWithoutAUrlSaysWhatToSet() {
    assertThat(problems(load(withStore("{\"type\": \"postgresql\"}"), Map.of())))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.keyPath()).isEqualTo("store.url");
          assertThat(p.message()).contains("is required").contains("postgresql://");
          assertThat(p.hint()).contains("STORE_URL");
        });
  }

  @Test
  void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
    for (String url :
        List.of(
            "postgresql://bot:" + PASSWORD + "@db/chatrixcd",
            "jdbc:postgresql://db/chatrixcd?user=bot&password=" + PASSWORD)) {
      String text = withStore("{\"type\": \"postgresql\", \"url\": \"" + url + "\"}");
      assertThat(problems(load(text, Map.of())))
          .singleElement()
          .satisfies(p -> {
            assertThat(p.keyPath()).isEqualTo("store.url");
            assertThat(p.describe()).contains("password_file").doesNotContain(PASSWORD);
          });
    }
  }

  @Test
  void anUnknownEngineOrAForeignUrlIsAProblemWithTheChoices() {
    assertThat(problems(load(withStore("{\"type\": \"mysql\"}"), Map.of())))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("sqlite, postgresql"));
    String foreign = withStore("{\"type\": \"postgresql\", \"url\": \"mysql://db/x\"}");
    assertThat(problems(load(foreign, Map.of())))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("must start with postgresql://"));
  }

  @Test
  void postgresSettingsUnderSqliteAreWarnedAboutAsIgnored() {
    LoadResult result = load(withStore("{\"url\": \"postgresql://db/x\"}"), Map.of());

    loaded(result);
    assertThat(((LoadResult.Loaded) result).warnings())
        .anySatisfy(w -> {
          assertThat(w.keyPath()).isEqualTo("store.url");
          assertThat(w.message()).contains("ignored while store.type is sqlite");
        });
  }
}
