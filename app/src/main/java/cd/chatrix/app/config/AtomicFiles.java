package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a file in one step: write a temporary file beside it, then rename over the target. A
 * reader (or our own watcher) sees either the old or the new content, never half a file.
 */
public final class AtomicFiles {

  /** Owner read/write only: for files that contain secrets. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target}. With {@code permissions} the file gets exactly those;
   * without, an existing file keeps its own and a new one gets the process default.
   */
  public static void write(
      Path target, String content, Optional<Set<PosixFilePermission>> permissions)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Optional<Set<PosixFilePermission>> mode =
        permissions.isPresent() ? permissions : existingPermissions(absolute);
    Path temp = createTemp(dir, absolute.getFileName().toString(), mode);
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path createTemp(Path dir, String name, Optional<Set<PosixFilePermission>> mode)
      throws IOException {
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    FileAttribute<?>[] attributes =
        posix && mode.isPresent()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode.get())}
            : new FileAttribute<?>[0];
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createFile(
            dir.resolve(
                "." + name + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime()),
            attributes);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 5) {
          throw e;
        }
      }
    }
  }

  private static Optional<Set<PosixFilePermission>> existingPermissions(Path file) {
    try {
      return Files.exists(file)
          ? Optional.of(Files.getPosixFilePermissions(file))
          : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
