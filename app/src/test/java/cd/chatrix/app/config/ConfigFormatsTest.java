package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's configs as its users have them, and the messages when a file is wrong. */
class ConfigFormatsTest {

  @TempDir Path dir;

  private static final String SEMAPHORE =
      "\"semaphore\": {\"url\": \"https://sem.example.org\", \"api_token\": \"t\"}";

  private LoadResult load(String text) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, text);
    return new ConfigLoader(Map.of(), dir).load(file, ConfigOverrides.none());
  }

  private static ChatrixConfig loaded(LoadResult result) {
    assertThat(result).as("%s", result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }

  private static String onlyProblem(LoadResult result) {
    assertThat(result).as("%s", result).isInstanceOf(LoadResult.Invalid.class);
    List<ConfigProblem> problems = ((LoadResult.Invalid) result).problems();
    assertThat(problems).hasSize(1);
    return problems.getFirst().describe();
  }

  @Test
  void hjsonAsTheOriginalsDocsWriteItIsRead() throws Exception {
    ChatrixConfig config =
        loaded(
            load(
                """
                # HJSON-style: unquoted keys, single quotes, both comment kinds, trailing commas
                {
                  matrix: {
                    homeserver: 'https://matrix.example.org',  // single quotes
                    user_id: "@bot:example.org",
                    password: 'pw',
                  },
                  semaphore: {url: 'https://sem.example.org', api_token: 't',},
                  bot: {
                    startup_message: 'Good morning,
                ops team',
                    admin_users: ['@alice:example.org',],
                  },
                }
                """));
    assertThat(config.matrix().homeserver()).isEqualTo("https://matrix.example.org");
    assertThat(config.matrix().password().reveal()).isEqualTo("pw");
    assertThat(config.bot().startupMessage()).isEqualTo("Good morning,\nops team");
    assertThat(config.bot().adminUsers()).containsExactly("@alice:example.org");
  }

  @Test
  void hjsonMultiLineBlocksAndQuotelessValuesSayHowToWriteThem() throws Exception {
    assertThat(onlyProblem(load("{\n  bot: {startup_message: '''\n    hi\n    '''}\n}")))
        .contains("line 2")
        .contains("'''")
        .contains("double quotes");
    assertThat(onlyProblem(load("{\n  matrix: {password: hunter2-secret}\n}")))
        .contains("line 2, column 22")
        .contains("without quotes")
        .doesNotContain("hunter2");
  }

  @Test
  void theOriginalsOidcWithoutAnIssuerIsSingleSignOn() throws Exception {
    String sso =
        "{\"matrix\": {\"homeserver\": \"https://hs.example.org\", \"user_id\": \"@b:example.org\","
            + " \"auth_type\": \"oidc\", \"oidc_redirect_url\": \"http://localhost:8080/callback\"},"
            + SEMAPHORE
            + "}";
    try (LogCapture log = new LogCapture(ConfigLoader.class)) {
      assertThat(loaded(load(sso)).matrix().authType()).isEqualTo(AuthType.SSO);
      assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("auth_type: sso"));
    }

    String clientCredentials =
        sso.replace(
            "\"auth_type\": \"oidc\",",
            "\"auth_type\": \"oidc\", \"oidc_issuer\": \"https://id.example.org\","
                + " \"oidc_client_id\": \"bot\", \"oidc_client_secret\": \"s\",");
    assertThat(loaded(load(clientCredentials)).matrix().authType()).isEqualTo(AuthType.OIDC);
  }

  @Test
  void syntaxErrorsShowLineColumnAndTheCharacter() throws Exception {
    String message =
        onlyProblem(load("{\n  \"matrix\": {\"homeserver\": \"https://x\"\n  \"user_id\": 1}\n}"));
    assertThat(message)
        .contains("line 3, column 3")
        .contains("unexpected '\"'")
        .contains("expected comma")
        .doesNotContain("code 34");
  }

  @Test
  void aFileThatIsNotUtf8SaysSo() throws Exception {
    Path file = dir.resolve("config.json");
    byte[] latin1 =
        "{\n \"bot\": {\"startup_message\": \"Grüße\"}\n}".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);
    String message =
        onlyProblem(new ConfigLoader(Map.of(), dir).load(file, ConfigOverrides.none()));
    assertThat(message).contains("not UTF-8").contains("line 2").contains("0xFC");

    Files.write(file, "{}".getBytes(StandardCharsets.UTF_16));
    assertThat(onlyProblem(new ConfigLoader(Map.of(), dir).load(file, ConfigOverrides.none())))
        .contains("UTF-16");
  }

  @Test
  void aHugeNumberIsTooLargeNotNotANumber() throws Exception {
    String text =
        "{\"matrix\": {\"homeserver\": \"https://hs.example.org\", \"user_id\": \"@b:example.org\","
            + " \"password\": \"p\"}, "
            + SEMAPHORE
            + ", \"http\": {\"port\": 99999999999999999999}}";
    assertThat(onlyProblem(load(text))).isEqualTo("http.port: is too large (max 65535)");
    assertThat(onlyProblem(load(text.replace("99999999999999999999", "\"-5\""))))
        .isEqualTo("http.port: is too small (min 0)");
  }

  @Test
  void anInvalidHttpBindIsAConfigurationProblem() throws Exception {
    String base =
        "{\"matrix\": {\"homeserver\": \"https://hs.example.org\", \"user_id\": \"@b:example.org\","
            + " \"password\": \"p\"}, "
            + SEMAPHORE
            + ", \"http\": {\"enabled\": true, \"webhook_secret\": \"w\", \"bind\": \"BIND\"}}";
    for (String bad : List.of("0.0.0.0:8088", "300.1.1.1", "http://127.0.0.1", "not an address")) {
      assertThat(onlyProblem(load(base.replace("BIND", bad)))).startsWith("http.bind: ");
    }
    for (String good : List.of("127.0.0.1", "0.0.0.0", "::1", "localhost")) {
      loaded(load(base.replace("BIND", good)));
    }
  }

  @Test
  void relativePathsAreTakenFromTheConfigFolderOrTheOriginalsWorkingDirectory() throws Exception {
    Path configDir = Files.createDirectories(dir.resolve("etc"));
    Path workDir = Files.createDirectories(dir.resolve("work"));
    Path file = configDir.resolve("config.json");
    Files.writeString(
        file,
        "{\"matrix\": {\"homeserver\": \"https://hs.example.org\", \"user_id\": \"@b:example.org\","
            + " \"password\": \"p\", \"store_path\": \"store\"}, "
            + SEMAPHORE
            + ", \"bot\": {\"log_file\": \"logs/bot.log\"}}");
    ConfigLoader loader = new ConfigLoader(Map.of(), configDir, workDir);

    ChatrixConfig fresh = loaded(loader.load(file, ConfigOverrides.none()));
    assertThat(fresh.matrix().storePath()).isEqualTo(configDir.resolve("store"));
    assertThat(fresh.bot().logFile()).isEqualTo(configDir.resolve("logs/bot.log"));

    // An original deployment: the store already lives where the original put it.
    Files.createDirectories(workDir.resolve("store"));
    try (LogCapture log = new LogCapture(ConfigPaths.class)) {
      ChatrixConfig legacy = loaded(loader.load(file, ConfigOverrides.none()));
      assertThat(legacy.matrix().storePath()).isEqualTo(workDir.resolve("store"));
      assertThat(legacy.bot().logFile()).isEqualTo(configDir.resolve("logs/bot.log"));
      loaded(loader.load(file, ConfigOverrides.none()));
      assertThat(log.messages())
          .singleElement()
          .satisfies(
              m -> assertThat(m).contains("matrix.store_path").contains("working directory"));
    }

    // Once it exists next to the config, that one wins.
    Files.createDirectories(configDir.resolve("store"));
    assertThat(loaded(loader.load(file, ConfigOverrides.none())).matrix().storePath())
        .isEqualTo(configDir.resolve("store"));
  }
}
