package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.Application;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.testkit.net.Switchboard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Start-up through the real {@code ./chatrixcd} launcher, where the exit code and the signals are
 * the process's: a refused password ends with 78, and a stop signal while the bot waits for its
 * homeserver ends it promptly with 0.
 */
class StartupLauncherIT {
  private DemoSandbox sandbox;
  private Process process;

  @BeforeEach
  void startServers() {
    sandbox = DemoSandbox.start();
  }

  @AfterEach
  void stopEverything() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    sandbox.close();
  }

  @Test
  void aRefusedPasswordEndsWithTheConfigurationExitCode() throws Exception {
    process = launch(c -> ((ObjectNode) c.get("matrix")).put("password", "wrong-password-3f9a"));

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
    String stderr = stderr();
    assertThat(process.exitValue()).as(stderr).isEqualTo(Application.EXIT_CONFIG);
    assertThat(stderr).contains("matrix.password").doesNotContain("wrong-password-3f9a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aStopSignalWhileWaitingForTheHomeserverEndsCleanly(String signal) throws Exception {
    try (Switchboard door = Switchboard.off(sandbox.homeserver().baseUri())) {
      String hs = door.uri().getRawAuthority();
      process =
          launch(c -> ((ObjectNode) c.get("matrix")).put("homeserver", door.uri().toString()));
      Path log = sandbox.workDir().resolve("chatrixcd.log");
      Awaitility.await("the bot says it waits for " + hs)
          .atMost(Duration.ofSeconds(120))
          .until(() -> Files.exists(log) && Files.readString(log).contains("homeserver at " + hs));

      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .inheritIO()
              .start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("it stops promptly").isTrue();
      assertThat(process.exitValue()).as(stderr()).isZero();
      assertThat(Files.readString(log)).contains("Stopped before the bot was up");
    }
  }

  private Process launch(Consumer<ObjectNode> adjust) throws IOException {
    Path config = sandbox.writeConfig(adjust);
    ProcessBuilder builder = LauncherScript.in(sandbox.workDir(), "-L", "-c", config.toString());
    // No start-up cache training in the background: it would only compete for the CPU here.
    builder.environment().put("CHATRIXCD_AOT", "off");
    return builder
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(sandbox.workDir().resolve("stdout").toFile())
        .redirectError(sandbox.workDir().resolve("stderr").toFile())
        .start();
  }

  private String stderr() throws IOException {
    return Files.readString(sandbox.workDir().resolve("stderr"), StandardCharsets.UTF_8);
  }
}
