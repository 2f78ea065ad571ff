package cd.chatrix.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two bots on one SQLite store: the second is told who has it; a killed holder leaves nothing. */
class StoreLockTest {
  @TempDir Path dir;

  /** Another process: takes the store, says so, and waits to be killed. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      try (StoreLock lock = StoreLock.claim(Path.of(args[0]))) {
        System.out.println("held");
        System.out.flush();
        Thread.sleep(60_000);
      }
    }
  }

  @Test
  void aSecondProcessIsRefusedWithTheHoldersPidAndGetsTheStoreOnceTheHolderIsKilled()
      throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try (var lines =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("held");

      assertThatThrownBy(() -> StoreLock.claim(dir))
          .isInstanceOf(StoreLock.InUseException.class)
          .hasMessageContaining("PID " + holder.pid())
          .hasMessageContaining(dir.toString());

      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (StoreLock mine = StoreLock.claim(dir)) {
      assertThat(dir.resolve(StoreLock.FILE_NAME))
          .content()
          .isEqualToIgnoringNewLines(String.valueOf(ProcessHandle.current().pid()));
      assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve(StoreLock.FILE_NAME)))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
  }

  @Test
  void aStoreLetGoCanBeTakenAgainAndTwiceInOneProcessIsRefused() throws Exception {
    try (StoreLock first = StoreLock.claim(dir)) {
      assertThatThrownBy(() -> StoreLock.claim(dir)).isInstanceOf(StoreLock.InUseException.class);
    }
    StoreLock.claim(dir).close();
  }
}
