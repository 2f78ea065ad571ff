package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.Application;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./chatrixcd} launcher against the jar this build packaged. */
class LauncherIT {
  @TempDir Path dir;

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result launch(String... args) throws IOException, InterruptedException {
    return launchWithInput(Path.of("/dev/null"), Map.of(), args);
  }

  /** Runs the launcher with {@code input} as its standard input (a pipe, not a terminal). */
  private Result typing(String input, String... args) throws IOException, InterruptedException {
    Path stdin = dir.resolve("stdin");
    Files.writeString(stdin, input, StandardCharsets.UTF_8);
    return launchWithInput(stdin, Map.of(), args);
  }

  private Result launchWithInput(Path input, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return launchWithInput(input, environment, Duration.ofSeconds(60), args);
  }

  private Result launchWithInput(
      Path input, Map<String, String> environment, Duration patience, String... args)
      throws IOException, InterruptedException {
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    ProcessBuilder builder = LauncherScript.in(dir, args);
    builder.environment().putAll(environment);
    Process process =
        builder
            .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(process.waitFor(patience.toSeconds(), TimeUnit.SECONDS))
        .as("launcher finished")
        .isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryFlag() throws Exception {
    Result result = launch("--help");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    for (String flag :
        List.of("-c", "-L", "-D", "-C", "-v", "-s", "-a", "-r", "-R", "-N", "-I", "-V", "-m")) {
      assertThat(result.stdout()).contains(flag + ",");
    }
    assertThat(result.stdout()).contains("demo");
  }

  @Test
  void showConfigOfAnOriginalStyleFileRedactsSecrets() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        """
        {
          // the original's format: comments of both kinds and trailing commas
          "_config_version": 3,
          "matrix": {
            "homeserver": "https://matrix.example.org",
            "user_id": "@chatrixcd:example.org",
            "password": "launcher-secret-password", # never printed
          },
          "semaphore": {"url": "https://semaphore.example.org", "api_token": "launcher-secret-token"},
        }
        """);
    Result result = launch("-c", config.toString(), "-s");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("@chatrixcd:example.org")
        .contains("***")
        .doesNotContain("launcher-secret-password")
        .doesNotContain("launcher-secret-token");
    assertThat(result.stderr())
        .doesNotContain("launcher-secret-password")
        .doesNotContain("launcher-secret-token");
  }

  @Test
  void aBrokenConfigListsEveryProblemAndExitsWithTheConfigCode() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        """
        {"matrix": {"homeserver": "ftp://nowhere", "auth_type": "telepathy"},
         "semaphore": {}, "bot": {"command_prefix": ""}}
        """);
    Result result = launch("-L", "-c", config.toString());
    assertThat(result.exitCode()).isEqualTo(Application.EXIT_CONFIG);
    assertThat(result.stderr())
        .contains("matrix.homeserver")
        .contains("matrix.user_id")
        .contains("matrix.auth_type")
        .contains("semaphore.url")
        .contains("semaphore.api_token")
        .contains("bot.command_prefix");
  }

  @Test
  void theDemoCompletesARunOnItsOwn() throws Exception {
    Result result = launch("demo", "--exit-when-done");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("demo: !cd run")
        .contains("demo: yes")
        .contains("That was a whole run");
    // The announcement of the finished run mentions the person who asked for it.
    assertThat(result.stdout()).containsPattern("bot: @demo:\\S+, .*");
  }

  /**
   * The launcher's JVM options, run on a program that fills its heap: the JVM stops (exit code 3,
   * so a service manager restarts a clean process) and the operator reads how to raise the cap.
   */
  @Test
  void runningOutOfMemoryStopsAndSaysHowToRaiseTheCap() throws Exception {
    Result shown = launchWithInput(Path.of("/dev/null"), Map.of("CHATRIXCD_SHOW_JVM", "1"));
    assertThat(shown.exitCode()).isZero();
    List<String> lines = shown.stdout().lines().toList();
    Path hog = dir.resolve("Hog.java");
    Files.writeString(
        hog,
        "public class Hog { public static void main(String[] a) { var l = new java.util.ArrayList<long[]>();"
            + " while (true) { l.add(new long[1 << 16]); } } }");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, hog.toString())).isZero();
    List<String> command = new ArrayList<>();
    command.add(lines.getFirst());
    lines.stream().skip(1).filter(o -> !o.startsWith("-XX:AOT")).forEach(command::add);
    command.addAll(List.of("-Xmx16m", "-cp", dir.toString(), "Hog"));
    Path output = dir.resolve("oom-output");
    Process hogging =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(hogging.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(hogging.exitValue()).as("ExitOnOutOfMemoryError's code").isEqualTo(3);
    assertThat(Files.readString(output))
        .contains("chatrixcd: the bot ran out of memory")
        .contains("CHATRIXCD_JAVA_OPTS=-Xmx256m");
  }

  @Test
  void versionNamesTheBuild() throws Exception {
    Result result = launch("-V");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("ChatrixCD 0.");
  }

  /**
   * The start-up cache is trained on the bot alone (the demo's sandbox in a JVM of its own), and
   * the JVM loads every class of a cache at start: so a start loads the bot's classes from it and
   * none of the sandbox's.
   */
  @Test
  void theStartUpCacheIsTrainedOnTheBotAloneAndThenUsed() throws Exception {
    Result trained =
        launchWithInput(
            Path.of("/dev/null"), Map.of("CHATRIXCD_AOT", "train"), Duration.ofMinutes(5), "-V");
    String trainingLog =
        Files.readString(
            LauncherScript.REPO.resolve("app/target/chatrixcd.aot.log"), StandardCharsets.UTF_8);
    assertThat(trained.exitCode()).as(trained.stderr()).isZero();
    assertThat(trained.stderr()).contains("training the start-up cache");
    assertThat(trainingLog)
        .as("the sandbox's lines, in the training log")
        .contains("ready ")
        .contains("done")
        .doesNotContain("training on the bot alone failed");

    Path classes = dir.resolve("classes.log");
    Result used =
        launchWithInput(
            Path.of("/dev/null"),
            Map.of("CHATRIXCD_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
            "-V");

    assertThat(used.exitCode()).isZero();
    List<String> fromCache =
        Files.readAllLines(classes).stream()
            .filter(line -> line.contains("source: shared objects file"))
            .toList();
    assertThat(fromCache)
        .anyMatch(line -> line.contains("cd.chatrix.bot.Bot source:"))
        .anyMatch(line -> line.contains("cd.chatrix.matrix.sync.SyncEngine source:"))
        .noneMatch(line -> line.contains("cd.chatrix.testkit."))
        .noneMatch(line -> line.contains("sun.net.httpserver."));
  }

  private Path resource(String name) throws IOException {
    Path copy = dir.resolve(name);
    try (var in = LauncherIT.class.getResourceAsStream("/config/" + name)) {
      Files.copy(java.util.Objects.requireNonNull(in, name), copy);
    }
    return copy;
  }

  @Test
  void aMissingConfigFileIsAConfigurationErrorEvenWithTheEnvironmentSet() throws Exception {
    // The environment alone would make a complete configuration: it must not be used.
    Map<String, String> complete =
        Map.of(
            "MATRIX_HOMESERVER", "http://127.0.0.1:9",
            "MATRIX_USER_ID", "@bot:example.org",
            "MATRIX_PASSWORD", "env-password",
            "SEMAPHORE_URL", "http://127.0.0.1:9",
            "SEMAPHORE_API_TOKEN", "env-token");
    Result result =
        launchWithInput(
            Path.of("/dev/null"), complete, "-L", "-c", dir.resolve("typo.json").toString());
    assertThat(result.exitCode()).isEqualTo(Application.EXIT_CONFIG);
    assertThat(result.stderr())
        .contains("no such file: " + dir.resolve("typo.json"))
        .contains("chatrixcd -I");
    assertThat(dir.resolve("store")).doesNotExist();
  }

  @Test
  void everyOriginalConfigStarts() throws Exception {
    for (String name :
        List.of("original-example.json", "original-oidc.json", "original-hjson.json")) {
      Result result = launch("-c", resource(name).toString(), "-s");
      assertThat(result.exitCode()).as(name + ": " + result.stderr()).isZero();
      assertThat(result.stdout()).as(name).contains("\"user_id\" : \"@chatrixcd:example.com\"");
      assertThat(result.stdout() + result.stderr())
          .as(name)
          .doesNotContain("your_bot_password_here")
          .doesNotContain("hjson-example-password")
          .doesNotContain("oidc-example-api-token");
    }
    Result sso = launch("-c", dir.resolve("original-oidc.json").toString(), "-s");
    assertThat(sso.stdout()).contains("\"auth_type\" : \"sso\"");
  }

  /** A deployed config with indirections and keys the wizard never asks about. */
  private static final String DEPLOYED =
      """
      // production bot
      {
        "_config_version": 4,
        "matrix": {
          "homeserver": "https://matrix.example.org",
          "user_id": "@chatrixcd:example.org",
          "device_id": "ORIGDEV",
          "auth_type": "password",
          "password_file": "matrix-password",
          "store_path": "./bot-store",
        },
        "semaphore": {
          "url": "https://semaphore.example.org",
          "api_token": "${SEMAPHORE_TOKEN}",
          "ssl_verify": false,
        },
        "bot": {
          "command_prefix": "!ops",
          "admin_users": ["@alice:example.org"],
          "allowed_rooms": ["!ops:example.org"],
          "greetings_enabled": false,
          "log_file": "bot.log",
        },
        "http": {"enabled": true, "bind": "127.0.0.1", "port": 8099},
      }
      """;

  @Test
  void theWizardOverAFullConfigChangesOnlyWhatWasAnswered() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, DEPLOYED);
    String answers =
        String.join(
            "\n",
            "https://matrix2.example.org", // homeserver: changed
            "", // user id kept
            "password", // the word works as well as the number
            "", // Enter keeps password_file
            "", // device id kept
            "", // store path kept
            "", // semaphore url kept
            "", // Enter keeps ${SEMAPHORE_TOKEN}
            "", // admins kept
            "!ops:example.org, !dev:example.org", // rooms: changed
            "y",
            "");
    Result result = typing(answers, "-I", "-c", "config.json");

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    List<String> before = DEPLOYED.lines().toList();
    List<String> after = Files.readString(config).lines().toList();
    assertThat(after).hasSameSizeAs(before);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(after.get(i).strip());
      }
    }
    assertThat(changed)
        .containsExactly(
            "\"homeserver\": \"https://matrix2.example.org\",",
            "\"allowed_rooms\": [\"!ops:example.org\", \"!dev:example.org\"],");
    assertThat(result.stdout())
        .contains(
            "matrix.homeserver: \"https://matrix.example.org\" → \"https://matrix2.example.org\"")
        .contains("bot.allowed_rooms:");
    // Said once, with the real path.
    assertThat(result.stdout().split("Wrote ", -1)).hasSize(2);
    assertThat(result.stdout()).contains("Wrote " + config.toRealPath() + ".");
  }

  @Test
  void endOfInputCancelsTheWizardWithAFailureAndWritesNothing() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, DEPLOYED);
    Result result = typing("https://matrix2.example.org\n", "-I", "-c", config.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).contains("nothing was written");
    assertThat(Files.readString(config)).isEqualTo(DEPLOYED);
  }
}
