package cd.chatrix.app.store.sql;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-only permissions for the store: the database holds access tokens and encryption state. On
 * file systems without POSIX permissions (Windows) this is a no-op and the user's ACLs apply.
 */
final class PrivateFiles {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates the directory (and parents) if needed and restricts it to the owner. Returns the old
   * permissions when an existing directory had to be tightened, so the caller can say so.
   */
  static Optional<String> directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (posix()) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        // The umask filters the create mode: set it outright.
        Files.setPosixFilePermissions(dir, DIRECTORY);
      } else {
        Files.createDirectories(dir);
      }
      return Optional.empty();
    }
    if (!posix()) {
      return Optional.empty();
    }
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
    if (before.equals(DIRECTORY)) {
      return Optional.empty();
    }
    Files.setPosixFilePermissions(dir, DIRECTORY);
    return Optional.of(PosixFilePermissions.toString(before));
  }

  /**
   * Creates an empty owner-only file if it does not exist yet, so SQLite never creates it with the
   * umask's wider mode before the first secret is written.
   */
  static void file(Path file) throws IOException {
    if (posix()) {
      if (Files.notExists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      }
      Files.setPosixFilePermissions(file, FILE);
    } else if (Files.notExists(file)) {
      Files.createFile(file);
    }
  }

  /** Restricts a file that someone else (SQLite) may have created; missing files are skipped. */
  static void restrictIfPresent(Path file) throws IOException {
    if (posix() && Files.exists(file)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }
}
