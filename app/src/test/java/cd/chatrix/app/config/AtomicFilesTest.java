package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesWithTheRequestedModeAndLeavesNoTemporaryFiles() throws Exception {
    Path target = dir.resolve("sub/secret.json");
    AtomicFiles.write(target, "one", Optional.of(AtomicFiles.OWNER_ONLY));
    AtomicFiles.write(target, "two", Optional.of(AtomicFiles.OWNER_ONLY));

    assertThat(Files.readString(target)).isEqualTo("two");
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }
}
