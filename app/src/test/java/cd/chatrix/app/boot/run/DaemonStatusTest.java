package cd.chatrix.app.boot.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines the launcher waits for: a standby says it once, whatever the leader does next. */
class DaemonStatusTest {
  @TempDir Path dir;

  @Test
  void aStandbySaysWhoLeadsOnceAndThatItRunsWhenItTakesOver() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PidFile pidFile = PidFile.claim(dir.resolve("chatrixcd.pid"))) {
      DaemonStatus status =
          new DaemonStatus(new PrintStream(bytes, true, StandardCharsets.UTF_8), pidFile);

      status.standingBy("replica host-a/1/ab leads (lease epoch 3)");
      status.standingBy("replica host-b/2/cd leads (lease epoch 4)");
      status.running();
      status.running();
    }

    String pid = Long.toString(ProcessHandle.current().pid());
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "standing by in the background as PID "
                + pid
                + " (PID file "
                + dir.resolve("chatrixcd.pid")
                + "): replica host-a/1/ab leads (lease epoch 3); it takes over by itself when that"
                + " lease runs out",
            "running in the background as PID "
                + pid
                + " (PID file "
                + dir.resolve("chatrixcd.pid")
                + ")");
  }
}
