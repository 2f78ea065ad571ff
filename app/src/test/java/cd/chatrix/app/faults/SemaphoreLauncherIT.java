package cd.chatrix.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.demo.DemoSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check as an operator makes it: {@code ./chatrixcd -L} (the real launcher and the
 * packaged jar, default verbosity) against a sandbox, then Semaphore refuses the token and goes
 * down; both show on stdout within one poll interval.
 */
class SemaphoreLauncherIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);
  private static final Duration SLACK = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void logOnlyModeShowsARefusedTokenAndAnOutageWithinOnePollInterval() throws Exception {
    try (DemoSandbox sandbox = DemoSandbox.start()) {
      Path config = sandbox.writeConfig(c -> {});
      Path stdout = dir.resolve("stdout");
      Process bot =
          new ProcessBuilder(
                  List.of(
                      "bash", REPO.resolve("chatrixcd").toString(), "-c", config.toString(), "-L"))
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(stdout.toFile())
              .redirectErrorStream(true)
              .start();
      try {
        await(stdout, "Connected to", Duration.ofSeconds(90));

        // Said within one poll interval (and a little): waited for, not measured.
        sandbox.semaphore().revokeToken(sandbox.semaphore().adminToken());
        await(stdout, "refuses the API token", POLL_INTERVAL.plus(SLACK));

        sandbox.semaphore().stopServing();
        await(stdout, "cannot be reached", POLL_INTERVAL.plus(SLACK));
        String log = Files.readString(stdout, StandardCharsets.UTF_8);
        assertThat(log)
            .contains("WARN")
            .contains(sandbox.semaphore().baseUri().toString())
            .contains("semaphore.api_token")
            .doesNotContain(sandbox.semaphore().adminToken());
      } finally {
        bot.destroy();
        if (!bot.waitFor(20, TimeUnit.SECONDS)) {
          bot.destroyForcibly();
        }
      }
    }
  }

  private static void await(Path stdout, String text, Duration within) {
    Awaitility.await("stdout shows \"" + text + "\"")
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            Files.exists(stdout)
                && Files.readString(stdout, StandardCharsets.UTF_8).contains(text));
  }
}
