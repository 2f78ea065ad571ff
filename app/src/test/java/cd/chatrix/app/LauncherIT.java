package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./chatrixcd} launcher against the jar this build packaged. */
class LauncherIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("chatrixcd").toString()));
    command.addAll(List.of(args));
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
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

  @Test
  void versionNamesTheBuild() throws Exception {
    Result result = launch("-V");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("ChatrixCD 0.");
  }
}
