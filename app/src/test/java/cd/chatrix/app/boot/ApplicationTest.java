package cd.chatrix.app.boot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.cli.LaunchOptions;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.StoreLock;
import cd.chatrix.app.store.sql.Migration;
import cd.chatrix.app.store.sql.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationTest {
  private static final String PASSWORD = "correct-horse-battery-staple-42";
  private static final String API_TOKEN = "sm-token-4f1d9a7c2b8e";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Records start-ups and asks to stop at once, so a run returns as soon as it is up. */
  private static final class RecordingServices implements BotServices {
    final List<Context> started = new ArrayList<>();

    @Override
    public void start(Context context) {
      started.add(context);
      context.shutdown().requestStop();
    }
  }

  private final RecordingServices services = new RecordingServices();

  private Application application(Map<String, String> env) {
    return new Application(
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        services);
  }

  private static LaunchOptions options(Path config, boolean showConfig) {
    return new LaunchOptions(
        config,
        true,
        false,
        false,
        0,
        showConfig,
        List.of(),
        List.of(),
        false,
        true,
        false,
        false,
        Optional.empty());
  }

  private Path writeConfig(String json) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return file;
  }

  /** A config in the original's format: comments of both kinds and trailing commas. */
  private String validConfig() {
    return """
    {
      // written by the original's wizard
      "_config_version": 5,
      "matrix": {
        "homeserver": "https://matrix.example.org",
        "user_id": "@chatrixcd:example.org",
        "password": "%s",   # the bot's password
        "store_path": "%s",
      },
      "semaphore": {"url": "https://semaphore.example.org", "api_token": "%s",},
      "bot": {"command_prefix": "!cd", "log_file": "%s"},
    }
    """
        .formatted(PASSWORD, dir.resolve("store"), API_TOKEN, dir.resolve("chatrixcd.log"));
  }

  @Test
  void showConfigPrintsTheEffectiveConfigWithSecretsRedacted() throws IOException {
    int code = application(Map.of()).run(options(writeConfig(validConfig()), true));

    assertThat(code).isEqualTo(Application.EXIT_OK);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("@chatrixcd:example.org")
        .contains("https://semaphore.example.org");
    assertThat(printed).doesNotContain(PASSWORD).doesNotContain(API_TOKEN).contains("***");
    assertThat(services.started).isEmpty();
  }

  @Test
  void everyConfigMistakeIsListedAndNothingStarts() throws IOException {
    Path file =
        writeConfig(
            """
            {
              "matrix": {"homeserver": "not a url", "auth_type": "carrier-pigeon"},
              "semaphore": {"url": ""},
              "bot": {"command_prefix": ""},
            }
            """);

    int code = application(Map.of()).run(options(file, false));

    assertThat(code).isEqualTo(Application.EXIT_CONFIG);
    String report = err.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("matrix.homeserver")
        .contains("matrix.user_id")
        .contains("matrix.auth_type")
        .contains("semaphore.url")
        .contains("semaphore.api_token")
        .contains("bot.command_prefix");
    assertThat(services.started).isEmpty();
    assertThat(dir.resolve("store")).doesNotExist();
  }

  @Test
  void theEnvironmentFillsWhatTheFileLeavesOut() throws IOException {
    Path file =
        writeConfig(
            """
            {"matrix": {"store_path": "%s"}, "bot": {"log_file": "%s"}}
            """
                .formatted(dir.resolve("store"), dir.resolve("chatrixcd.log")));
    Map<String, String> env =
        Map.of(
            "MATRIX_HOMESERVER", "https://matrix.example.org",
            "MATRIX_USER_ID", "@bot:example.org",
            "MATRIX_PASSWORD", PASSWORD,
            "SEMAPHORE_URL", "https://semaphore.example.org",
            "SEMAPHORE_API_TOKEN", API_TOKEN);

    int code = application(env).run(options(file, false));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Application.EXIT_OK);
    assertThat(services.started).hasSize(1);
    assertThat(services.started.getFirst().config().matrix().userId())
        .isEqualTo("@bot:example.org");
  }

  @Test
  void aValidConfigOpensAPrivateStoreStartsTheServicesAndKeepsSecretsOutOfTheLog()
      throws IOException {
    int code = application(Map.of()).run(options(writeConfig(validConfig()), false));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Application.EXIT_OK);
    assertThat(services.started).hasSize(1);
    Path database = dir.resolve("store/chatrixcd.db");
    assertThat(database).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database)))
        .isEqualTo("rw-------");
    String logged = Files.readString(dir.resolve("chatrixcd.log"));
    assertThat(logged).contains("is up").doesNotContain(PASSWORD).doesNotContain(API_TOKEN);
  }

  @Test
  void anInvalidHttpBindStopsStartUpWithTheConfigCodeBeforeAnythingStarts() throws IOException {
    Path file =
        writeConfig(
            validConfig()
                .replace(
                    "\"bot\":",
                    "\"http\": {\"enabled\": true, \"bind\": \"0.0.0.0:8088\"}, \"bot\":"));

    int code = application(Map.of()).run(options(file, false));

    assertThat(code).isEqualTo(Application.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("http.bind: includes a port");
    assertThat(services.started).isEmpty();
    assertThat(dir.resolve("store")).doesNotExist();
  }

  @Test
  void aRelativeStorePathIsTakenFromTheConfigFolderAndLoggedAbsolute() throws IOException {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Path file = etc.resolve("config.json");
    Files.writeString(
        file,
        validConfig()
            .replace("\"" + dir.resolve("store") + "\"", "\"data/store\"")
            .replace("\"" + dir.resolve("chatrixcd.log") + "\"", "\"bot.log\""));

    int code = application(Map.of()).run(options(file, false));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Application.EXIT_OK);
    assertThat(etc.resolve("data/store/chatrixcd.db")).exists();
    assertThat(Files.readString(etc.resolve("bot.log")))
        .contains("Store: " + etc.resolve("data/store/chatrixcd.db") + " ");
  }

  @Test
  void aStoreFromANewerVersionIsRefusedWithAClearMessage() throws IOException {
    Path storeDir = dir.resolve("store");
    List<Migration> future = new ArrayList<>(Schema.MIGRATIONS);
    future.add(
        Migration.of(
            Schema.MIGRATIONS.size() + 1,
            "from the future",
            "CREATE TABLE from_the_future (x INTEGER)"));
    try (Store ignored = Store.open(storeDir, future)) {
      // creates a database one version ahead of this build
    }

    int code = application(Map.of()).run(options(writeConfig(validConfig()), false));

    assertThat(code).isEqualTo(Application.EXIT_FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("newer");
    assertThat(services.started).isEmpty();
  }

  @Test
  void aSecondBotOnAStoreInUseIsRefusedBeforeTheStoreIsTouched() throws IOException {
    Path storeDir = dir.resolve("store");

    int code;
    try (StoreLock running = StoreLock.claim(storeDir)) {
      code = application(Map.of()).run(options(writeConfig(validConfig()), false));
    }

    assertThat(code).isEqualTo(Application.EXIT_FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("is using the store in " + storeDir)
        .contains("both answer every command");
    assertThat(services.started).isEmpty();
    assertThat(storeDir.resolve(Store.FILE_NAME)).doesNotExist();

    assertThat(application(Map.of()).run(options(writeConfig(validConfig()), false)))
        .as("once the other one is gone")
        .isEqualTo(Application.EXIT_OK);
  }
}
