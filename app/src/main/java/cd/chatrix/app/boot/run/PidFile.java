package cd.chatrix.app.boot.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The daemon's PID file. Written atomically so a reader never sees half a number, refused when a
 * live process already owns it, and removed on close only while it still names this process (a
 * second instance that took over must keep its file).
 */
public final class PidFile implements AutoCloseable {
  private final Path path;
  private final long pid;

  private PidFile(Path path, long pid) {
    this.path = path;
    this.pid = pid;
  }

  /** Claims {@code path} for the current process. */
  public static PidFile claim(Path path) throws IOException {
    return claim(path, ProcessHandle.current().pid());
  }

  static PidFile claim(Path path, long pid) throws IOException {
    Optional<Long> existing = read(path);
    if (existing.isPresent() && existing.get() != pid && isAlive(existing.get())) {
      throw new IOException(
          "Another ChatrixCD (PID "
              + existing.get()
              + ") is running with the PID file "
              + path
              + ". Stop it first, or give this one its own --pid-file.");
    }
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".chatrixcd-pid", ".tmp");
    Files.writeString(temp, pid + "\n", StandardCharsets.US_ASCII);
    try {
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
    }
    return new PidFile(path, pid);
  }

  /** The PID written in {@code path}, if the file exists and holds a number. */
  public static Optional<Long> read(Path path) {
    try {
      return Optional.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (read(path).filter(owner -> owner == pid).isPresent()) {
      Files.deleteIfExists(path);
    }
  }
}
