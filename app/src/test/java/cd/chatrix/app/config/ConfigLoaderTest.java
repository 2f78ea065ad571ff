package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private static final String MINIMAL =
      """
      {
        "matrix": {"homeserver": "https://hs.example.org", "user_id": "@bot:example.org",
                   "password": "pw-from-file"},
        "semaphore": {"url": "https://sem.example.org", "api_token": "tok-from-file"}
      }
      """;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(ConfigLoaderTest.class.getResource("/config/" + name)).toURI());
  }

  private ChatrixConfig loaded(LoadResult result) {
    assertThat(result)
        .as("expected a valid config but got %s", result)
        .isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }

  private List<ConfigProblem> problems(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    return ((LoadResult.Invalid) result).problems();
  }

  private LoadResult loadText(String text, Map<String, String> env) {
    return new ConfigLoader(env, dir)
        .loadText(text, dir.resolve("config.json"), ConfigOverrides.none());
  }

  @Test
  void readsTheOriginalFormatWithCommentsTrailingCommasAndAnOldVersion() throws Exception {
    Path original = resource("original-v4.json");
    byte[] before = Files.readAllBytes(original);

    LoadResult result;
    try (LogCapture log = new LogCapture(ConfigLoader.class)) {
      result = new ConfigLoader(Map.of(), dir).load(original, ConfigOverrides.none());
      assertThat(log.messages())
          .singleElement()
          .satisfies(m -> assertThat(m).contains("version 4").contains("chatrixcd -I"));
    }
    ChatrixConfig config = loaded(result);

    assertThat(config.matrix().homeserver()).isEqualTo("https://matrix.example.org");
    assertThat(config.matrix().userId()).isEqualTo("@chatrixcd:example.org");
    assertThat(config.matrix().password().reveal()).isEqualTo("original-password-value");
    assertThat(config.semaphore().url()).isEqualTo("https://semaphore.example.org");
    assertThat(config.bot().adminUsers()).containsExactly("@alice:example.org", "@bob:example.org");
    assertThat(config.bot().allowedRooms()).containsExactly("!abc123:example.org");
    assertThat(config.bot().colorTheme()).isEqualTo(BotConfig.ColorTheme.MIDNIGHT);
    assertThat(config.plugins().semaphorePoll().pollInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.plugins().semaphorePoll().notificationInterval()).isZero();
    // Relative paths are taken from the config file's folder.
    assertThat(config.plugins().aliases().aliasesFile()).isEqualTo(dir.resolve("my-aliases.json"));
    // Keys newer than version 4 take their defaults in memory.
    assertThat(config.matrix().e2ee()).isTrue();
    assertThat(config.bot().confirmationTimeout()).isEqualTo(Duration.ofSeconds(300));
    // tui_mode is a dead key of the original: accepted without a warning.
    assertThat(((LoadResult.Loaded) result).warnings())
        .extracting(ConfigProblem::keyPath)
        .doesNotContain("bot.tui_mode");
    // Never rewritten.
    assertThat(Files.readAllBytes(original)).isEqualTo(before);
  }

  @Test
  void environmentFillsWhatTheFileLeavesOut() {
    Map<String, String> env =
        Map.of(
            "MATRIX_HOMESERVER", "https://env-hs.example.org",
            "MATRIX_USER_ID", "@envbot:example.org",
            "MATRIX_PASSWORD", "env-password",
            "SEMAPHORE_URL", "https://env-sem.example.org",
            "SEMAPHORE_API_TOKEN", "env-token",
            "BOT_ADMIN_USERS", "@a:example.org, @b:example.org",
            "BOT_GREETINGS_ENABLED", "false");

    ChatrixConfig config = loaded(loadText("{}", env));

    assertThat(config.matrix().homeserver()).isEqualTo("https://env-hs.example.org");
    assertThat(config.matrix().userId()).isEqualTo("@envbot:example.org");
    assertThat(config.matrix().password().reveal()).isEqualTo("env-password");
    assertThat(config.semaphore().apiToken().reveal()).isEqualTo("env-token");
    assertThat(config.bot().adminUsers()).containsExactly("@a:example.org", "@b:example.org");
    assertThat(config.bot().greetingsEnabled()).isFalse();
    // Untouched keys keep their defaults.
    assertThat(config.bot().commandPrefix()).isEqualTo("!cd");
    assertThat(config.matrix().deviceId()).isEqualTo("CHATRIXCD");
  }

  @Test
  void precedenceIsOverridesThenFileThenEnvironmentThenDefaults() {
    Map<String, String> env =
        Map.of(
            "MATRIX_PASSWORD", "env-password",
            "BOT_COMMAND_PREFIX", "!env",
            "BOT_ADMIN_USERS", "@env:example.org",
            "MATRIX_DEVICE_NAME", "Env Device");
    String text =
        MINIMAL
            .replace(
                "\"password\": \"pw-from-file\"",
                "\"password\": \"pw-from-file\", \"device_name\": null")
            .replace(
                "\"semaphore\"",
                "\"bot\": {\"command_prefix\": \"!file\","
                    + " \"admin_users\": [\"@file:example.org\"]}, \"semaphore\"");
    ConfigOverrides cli =
        new ConfigOverrides(
            List.of("@cli:example.org"), List.of(), true, false, false, false, Optional.empty());

    ChatrixConfig config =
        loaded(new ConfigLoader(env, dir).loadText(text, dir.resolve("c.json"), cli));

    assertThat(config.matrix().password().reveal()).isEqualTo("pw-from-file");
    assertThat(config.bot().commandPrefix()).isEqualTo("!file");
    assertThat(config.bot().adminUsers()).containsExactly("@file:example.org", "@cli:example.org");
    assertThat(config.bot().greetingsEnabled()).isFalse();
    // null in the file means "not set": the environment fills it.
    assertThat(config.matrix().deviceName()).isEqualTo("Env Device");
    // Neither file nor environment: default, taken from the config file's folder.
    assertThat(config.matrix().storePath()).isEqualTo(dir.resolve("store"));
  }

  @Test
  void anEmptyStringInTheFileLetsTheEnvironmentValueThrough() {
    String text = MINIMAL.replace("\"pw-from-file\"", "\"\"");
    ChatrixConfig config = loaded(loadText(text, Map.of("MATRIX_PASSWORD", "from-env")));
    assertThat(config.matrix().password().reveal()).isEqualTo("from-env");
  }

  @Test
  void expandsVariableReferencesWithAndWithoutFallback() {
    String text =
        """
        {
          "matrix": {"homeserver": "https://${HS_HOST}", "user_id": "@bot:example.org",
                     "password": "${BOT_PW}", "device_name": "${NAME:-Fallback Name}"},
          "semaphore": {"url": "https://sem.example.org", "api_token": "${SEM_TOKEN}",
                        "timeout_seconds": "${TIMEOUT:-45}"},
          "bot": {"startup_message": "costs $${PRICE}"},
          "http": {"enabled": "${HTTP_ON}", "port": "${PORT}"}
        }
        """;
    Map<String, String> env =
        Map.of(
            "HS_HOST",
            "hs.example.org",
            "BOT_PW",
            "secret-pw",
            "SEM_TOKEN",
            "tok",
            "HTTP_ON",
            "true",
            "PORT",
            "9090");

    ChatrixConfig config = loaded(loadText(text, env));

    assertThat(config.matrix().homeserver()).isEqualTo("https://hs.example.org");
    assertThat(config.matrix().password().reveal()).isEqualTo("secret-pw");
    assertThat(config.matrix().deviceName()).isEqualTo("Fallback Name");
    assertThat(config.semaphore().timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.bot().startupMessage()).isEqualTo("costs ${PRICE}");
    assertThat(config.http().enabled()).isTrue();
    assertThat(config.http().port()).isEqualTo(9090);
  }

  @Test
  void anUnsetVariableWithoutFallbackIsAProblemNamingTheKey() {
    String text = MINIMAL.replace("\"tok-from-file\"", "\"${MISSING_TOKEN}\"");
    List<ConfigProblem> problems = problems(loadText(text, Map.of()));
    assertThat(problems)
        .anySatisfy(p -> {
          assertThat(p.keyPath()).isEqualTo("semaphore.api_token");
          assertThat(p.message()).contains("MISSING_TOKEN");
        });
    // The empty value it leaves behind is not reported a second time as "required".
    assertThat(problems).filteredOn(p -> p.keyPath().equals("semaphore.api_token")).hasSize(1);
  }

  @Test
  void readsSecretsFromFilesTrimmed() throws IOException {
    Files.writeString(dir.resolve("pw.txt"), "  file-password\n");
    Files.writeString(dir.resolve("token.txt"), "file-token\n");
    String text =
        """
        {
          "matrix": {"homeserver": "https://hs.example.org", "user_id": "@bot:example.org",
                     "password_file": "pw.txt", "pickle_key_file": "%s"},
          "semaphore": {"url": "https://sem.example.org", "api_token_file": "token.txt"}
        }
        """
            .formatted(dir.resolve("token.txt"));

    ChatrixConfig config = loaded(loadText(text, Map.of()));

    assertThat(config.matrix().password().reveal()).isEqualTo("file-password");
    assertThat(config.semaphore().apiToken().reveal()).isEqualTo("file-token");
    assertThat(config.matrix().pickleKey().reveal()).isEqualTo("file-token");
  }

  @Test
  void aMissingSecretFileIsAProblemNamingKeyAndPath() {
    String text =
        MINIMAL.replace(
            "\"api_token\": \"tok-from-file\"", "\"api_token_file\": \"nowhere/token\"");
    List<ConfigProblem> problems = problems(loadText(text, Map.of()));
    assertThat(problems)
        .anySatisfy(p -> {
          assertThat(p.keyPath()).isEqualTo("semaphore.api_token_file");
          assertThat(p.message()).contains(dir.resolve("nowhere/token").toString());
        });
  }

  @Test
  void reportsEveryMistakeAtOnceWithKeyPaths() throws Exception {
    LoadResult result =
        new ConfigLoader(Map.of(), dir)
            .load(resource("many-mistakes.json"), ConfigOverrides.none());

    assertThat(problems(result))
        .extracting(ConfigProblem::keyPath)
        .contains(
            "matrix.homeserver",
            "matrix.auth_type",
            "semaphore.timeout_seconds",
            "bot.command_prefix",
            "bot.confirmation_timeout",
            "http.port");
    assertThat(problems(result).getFirst().keyPath()).startsWith("matrix.");
    // -s can still show what was understood, with defaults in place of the wrong values.
    assertThat(((LoadResult.Invalid) result).bestEffort())
        .hasValueSatisfying(c -> assertThat(c.http().port()).isEqualTo(8088));
    assertThat(problems(result).getLast().keyPath()).isEqualTo("http.port");
    assertThat(problems(result))
        .filteredOn(p -> p.keyPath().equals("matrix.auth_type"))
        .singleElement()
        .satisfies(p -> assertThat(p.hint()).contains("password"));
  }

  @Test
  void requiredKeysDependOnTheAuthType() {
    String oidc =
        """
        {"matrix": {"homeserver": "https://hs.example.org", "auth_type": "oidc",
                    "oidc_issuer": "http://idp.example.org"},
         "semaphore": {"url": "https://sem.example.org", "api_token": "t"}}
        """;
    assertThat(problems(loadText(oidc, Map.of())))
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder(
            "matrix.oidc_issuer", "matrix.oidc_client_id", "matrix.oidc_client_secret");

    String loopbackIssuer =
        oidc.replace("http://idp.example.org", "http://127.0.0.1:9000")
            .replace(
                "\"auth_type\": \"oidc\",",
                "\"auth_type\": \"oidc\", \"oidc_client_id\": \"c\", \"oidc_client_secret\": \"s\",");
    assertThat(loaded(loadText(loopbackIssuer, Map.of())).matrix().authType())
        .isEqualTo(AuthType.OIDC);

    String token =
        """
        {"matrix": {"auth_type": "token"}, "semaphore": {"url": "https://s.example.org",
         "api_token": "t"}}
        """;
    assertThat(problems(loadText(token, Map.of())))
        .extracting(ConfigProblem::keyPath)
        .containsExactly("matrix.access_token");
    assertThat(
            loaded(loadText(token, Map.of("MATRIX_ACCESS_TOKEN", "syt_x")))
                .matrix()
                .accessToken()
                .reveal())
        .isEqualTo("syt_x");
  }

  @Test
  void unknownKeysAreWarningsWithSuggestions() {
    String text =
        MINIMAL.replace(
            "\"semaphore\"",
            "\"bot\": {\"comand_prefix\": \"!x\", \"frobnicate\": 1}, \"semaphore\"");
    LoadResult result = loadText(text, Map.of());

    List<ConfigProblem> warnings = ((LoadResult.Loaded) result).warnings();
    assertThat(warnings)
        .anySatisfy(w -> {
          assertThat(w.keyPath()).isEqualTo("bot.comand_prefix");
          assertThat(w.hint()).contains("command_prefix");
        });
    assertThat(warnings).anySatisfy(w -> assertThat(w.keyPath()).isEqualTo("bot.frobnicate"));
  }

  @Test
  void malformedJsonGivesLineAndColumnWithoutEchoingTheText() {
    String text = "{\n  \"matrix\": {\n    \"password\": hunter2secret\n  }\n}";
    List<ConfigProblem> problems = problems(loadText(text, Map.of()));
    assertThat(problems)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.message()).contains("line 3");
          assertThat(p.message()).doesNotContain("hunter2secret");
        });
  }

  @Test
  void aMissingFileIsAProblemEvenWithTheEnvironmentSet() {
    Map<String, String> env =
        Map.of(
            "MATRIX_USER_ID",
            "@bot:example.org",
            "MATRIX_PASSWORD",
            "p",
            "SEMAPHORE_URL",
            "https://s.example.org",
            "SEMAPHORE_API_TOKEN",
            "t");
    LoadResult result =
        new ConfigLoader(env, dir).load(dir.resolve("absent.json"), ConfigOverrides.none());
    assertThat(problems(result))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("no such file").contains("absent.json"));
  }

  @Test
  void inlineAndEnvironmentSecretsKeepTheirSpacesButFileSecretsAreTrimmed() {
    String text =
        MINIMAL
            .replace("\"pw-from-file\"", "\" spaced pw \"")
            .replace("\"api_token\": \"tok-from-file\"", "\"api_token\": \"\"");
    ChatrixConfig config = loaded(loadText(text, Map.of("SEMAPHORE_API_TOKEN", "tok ")));
    assertThat(config.matrix().password().reveal()).isEqualTo(" spaced pw ");
    assertThat(config.semaphore().apiToken().reveal()).isEqualTo("tok ");
  }

  @Test
  void secretsNeverAppearInToString() {
    ChatrixConfig config = loaded(loadText(MINIMAL, Map.of()));
    assertThat(config.toString()).doesNotContain("pw-from-file").doesNotContain("tok-from-file");
    assertThat(config.matrix().password().toString()).isEqualTo("***");
  }
}
