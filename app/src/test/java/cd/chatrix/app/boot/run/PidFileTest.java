package cd.chatrix.app.boot.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
  @TempDir Path dir;

  @Test
  void writesThisProcessAndRemovesItOnClose() throws IOException {
    Path path = dir.resolve("run/chatrixcd.pid");
    try (PidFile pidFile = PidFile.claim(path)) {
      assertThat(PidFile.read(path)).contains(ProcessHandle.current().pid());
      assertThat(pidFile.path()).isEqualTo(path);
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void refusesAFileOwnedByALiveProcess() throws IOException {
    Path path = dir.resolve("chatrixcd.pid");
    long otherLivePid = ProcessHandle.current().parent().orElseThrow().pid();
    Files.writeString(path, otherLivePid + "\n");
    assertThatThrownBy(() -> PidFile.claim(path))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(String.valueOf(otherLivePid))
        .hasMessageContaining("--pid-file");
  }

  @Test
  void takesOverAStaleFile() throws IOException {
    Path path = dir.resolve("chatrixcd.pid");
    Files.writeString(path, "999999999\n");
    try (PidFile ignored = PidFile.claim(path)) {
      assertThat(PidFile.read(path)).contains(ProcessHandle.current().pid());
    }
  }

  @Test
  void leavesAFileThatAnotherProcessTookOver() throws IOException {
    Path path = dir.resolve("chatrixcd.pid");
    PidFile mine = PidFile.claim(path, 4242);
    Files.writeString(path, "4343\n");
    mine.close();
    assertThat(PidFile.read(path)).contains(4343L);
  }
}
