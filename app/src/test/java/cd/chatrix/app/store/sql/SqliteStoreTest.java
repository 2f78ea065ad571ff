package cd.chatrix.app.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cd.chatrix.app.store.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store does: one owner-only file, recognised when it is not a database. */
class SqliteStoreTest {
  @TempDir Path temp;

  @Test
  void theDatabaseIsOneFileInTheStoreDirectory() {
    Path dir = temp.resolve("store");
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      assertThat(store.location())
          .isEqualTo(dir.toAbsolutePath().resolve("chatrixcd.db").toString());
      assertThat(dir.resolve("chatrixcd.db")).isRegularFile();
    }
  }

  @Test
  void directoryIsOwnerOnlyAndFilesAreOwnerReadWriteOnly() throws Exception {
    assumeTrue(PrivateFiles.posix(), "POSIX permissions only");
    Path dir = temp.resolve("nested/store");
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      new KeyValueStore(store, Clock.systemUTC()).put("matrix.auth", "access_token", "t");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      Path db = dir.resolve("chatrixcd.db");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
          .isEqualTo("rw-------");
      Path wal = dir.resolve("chatrixcd.db-wal");
      Path shm = dir.resolve("chatrixcd.db-shm");
      assertThat(wal).exists();
      assertThat(shm).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wal)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shm)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void tightensAnExistingWorldReadableStore() throws Exception {
    assumeTrue(PrivateFiles.posix(), "POSIX permissions only");
    Path dir = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      Files.setPosixFilePermissions(
          dir.resolve("chatrixcd.db"), PosixFilePermissions.fromString("rw-r--r--"));
    }
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("chatrixcd.db"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsReportedAsDamaged() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("store"));
    Files.writeString(dir.resolve("chatrixcd.db"), "this is not sqlite ".repeat(100));
    assertThatThrownBy(() -> Store.open(dir, Schema.MIGRATIONS))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a SQLite database or is damaged")
        .hasMessageContaining("Restore it from a backup");
  }
}
