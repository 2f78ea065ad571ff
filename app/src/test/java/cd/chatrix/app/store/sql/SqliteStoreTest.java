package cd.chatrix.app.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cd.chatrix.app.store.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
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

  /**
   * Everyday commits survive a crash of the process (WAL, synchronous NORMAL); a durable one is
   * synced to disk before it returns (FULL), and the setting goes back to NORMAL after it.
   */
  @Test
  void aDurableTransactionCommitsWithFullSyncAndEverydayOnesDoNot() {
    try (Store store = Store.open(temp.resolve("store"), Schema.MIGRATIONS)) {
      int before = store.inTransaction(SqliteStoreTest::synchronous);
      int durable = store.inDurableTransaction(SqliteStoreTest::synchronous);
      int after = store.inTransaction(SqliteStoreTest::synchronous);
      assertThat(List.of(before, durable, after)).containsExactly(NORMAL, FULL, NORMAL);
    }
  }

  /**
   * A durable write inside an everyday transaction cannot switch the setting (SQLite refuses inside
   * a transaction), so the commit is checkpointed: the database file itself then holds the row,
   * which an everyday commit leaves in the WAL.
   */
  @Test
  void aDurableWriteNestedInAnEverydayTransactionIsCheckpointedAtCommit() throws Exception {
    Path dir = temp.resolve("store");
    Store.open(dir, Schema.MIGRATIONS).close(); // closing checkpoints everything into the file
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      KeyValueStore values = new KeyValueStore(store, Clock.systemUTC());
      byte[] settled = Files.readAllBytes(dir.resolve("chatrixcd.db"));

      values.put("test", "everyday", "x".repeat(2000));
      assertThat(Files.readAllBytes(dir.resolve("chatrixcd.db"))).isEqualTo(settled);

      store.doInTransaction(tx ->
          store.inDurableTransaction(inner -> {
            values.put("test", "durable", "y".repeat(2000));
            return null;
          }));
      assertThat(Files.readAllBytes(dir.resolve("chatrixcd.db"))).isNotEqualTo(settled);
    }
  }

  /**
   * The driver's native library is kept in the store directory (owner-only) and loaded from there,
   * instead of being copied out of the jar into the temporary directory at every start.
   */
  @Test
  void sqlitesNativeLibraryIsKeptInTheStoreDirectory() throws Exception {
    // An earlier store in this JVM pointed the driver elsewhere; forget that, as a new process has.
    System.clearProperty("org.sqlite.lib.path");
    System.clearProperty("org.sqlite.lib.name");
    Path dir = temp.resolve("store");
    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      assertThat(System.getProperty("org.sqlite.lib.path")).startsWith(dir.toString());
      Path kept;
      try (var found = Files.walk(dir.resolve(".native"))) {
        kept =
            found
                .filter(p -> p.getFileName().toString().contains("sqlitejdbc"))
                .findFirst()
                .orElseThrow();
      }
      assertThat(kept.getFileName().toString())
          .isEqualTo(System.getProperty("org.sqlite.lib.name"));
      assertThat(Files.size(kept)).isGreaterThan(100_000);
      if (PrivateFiles.posix()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.getParent())))
            .isEqualTo("rwx------");
      }
    }
  }

  private static final int NORMAL = 1;
  private static final int FULL = 2;

  private static int synchronous(Tx tx) throws java.sql.SQLException {
    return tx.queryOne("PRAGMA synchronous", row -> row.getInt(1)).orElseThrow();
  }
}
