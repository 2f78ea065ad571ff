package cd.chatrix.app.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps SQLite's native library extracted in the store directory, so a start loads it from there.
 *
 * <p>By itself the driver copies the library out of its jar into the temporary directory at every
 * start and compares the copy with the jar byte by byte: about 110 ms of CPU and 300 ms of wall
 * time on the benchmark machine, on the path to the first {@code /sync} (docs/bench/startup.md).
 * Here the copy is made once per driver version, in the store directory (owner-only, checked before
 * this runs, and already holding what this user's bot trusts), and the driver is pointed at it
 * through its {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} properties. A copy whose
 * size differs from the jar's is replaced; a copy that cannot be written or loaded (a read-only or
 * {@code noexec} store) leaves the driver to its own way, which still works.
 */
final class SqliteNativeLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  private static final String PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String NAME_PROPERTY = "org.sqlite.lib.name";
  private static final Object LOCK = new Object();

  private SqliteNativeLibrary() {}

  /** Points the driver at the store's copy, made now if missing; once per process. */
  static void useCopyIn(Path storeDir) {
    synchronized (LOCK) {
      if (System.getProperty(PATH_PROPERTY) != null) {
        return; // already done, or chosen by the operator
      }
      try {
        String name = libraryName();
        URL resource =
            SQLiteJDBCLoader.class.getResource(
                "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name);
        if (resource == null) {
          return; // a platform the jar has no library for: the driver says so itself
        }
        Path dir =
            storeDir.resolve(".native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
        Path copy = dir.resolve(name);
        long size = resource.openConnection().getContentLengthLong();
        if (!Files.isRegularFile(copy) || Files.size(copy) != size) {
          extract(resource, dir, copy);
        }
        System.setProperty(PATH_PROPERTY, dir.toString());
        System.setProperty(NAME_PROPERTY, name);
      } catch (IOException | RuntimeException e) {
        LOG.debug(
            "Keeping SQLite's native library in {} failed ({}); the driver extracts it",
            storeDir,
            e.toString());
      }
    }
  }

  /** The driver's own naming: macOS libraries end in .dylib, whatever the JDK maps to. */
  private static String libraryName() {
    String name = System.mapLibraryName("sqlitejdbc");
    return name.endsWith(".jnilib") ? name.replace(".jnilib", ".dylib") : name;
  }

  /** Written beside and renamed, so a start never loads half a library. */
  private static void extract(URL resource, Path dir, Path copy) throws IOException {
    PrivateFiles.directory(dir.getParent());
    PrivateFiles.directory(dir);
    Path partial = Files.createTempFile(dir, "sqlitejdbc", ".part");
    try (InputStream in = resource.openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
