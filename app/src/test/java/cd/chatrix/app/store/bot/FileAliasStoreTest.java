package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAliasStoreTest {
  @TempDir Path dir;

  @Test
  void aMissingFileMeansNoAliases() {
    assertThat(new FileAliasStore(dir.resolve("aliases.json")).load()).isEmpty();
  }

  @Test
  void savedAliasesAreReadBackByANewInstance() {
    Path file = dir.resolve("aliases.json");
    new FileAliasStore(file).save(Map.of("deploy", "run 1 5", "ship", "run 2 9 --tags=web"));

    assertThat(new FileAliasStore(file).load())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("deploy", "run 1 5", "ship", "run 2 9 --tags=web"));
  }

  @Test
  void readsTheOriginalsFlatObject() throws Exception {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, "{\"d\": \"run 4 2\", \"s\": \"status\"}");

    assertThat(new FileAliasStore(file).load()).isEqualTo(Map.of("d", "run 4 2", "s", "status"));
  }

  @Test
  void aMalformedFileFailsWithAMessageSayingWhatToDo() throws Exception {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, "[\"not\", \"an object\"]");

    assertThatThrownBy(() -> new FileAliasStore(file).load())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("move it away");
  }

  @Test
  void savingKeepsTheUsersFileModeAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    new FileAliasStore(file).save(Map.of("a", "ping"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(new FileAliasStore(file).load()).isEqualTo(Map.of("a", "ping"));
  }
}
