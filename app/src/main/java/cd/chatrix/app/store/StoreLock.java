package cd.chatrix.app.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One bot per SQLite store. Two processes on one store (a service and a copy started by hand in a
 * terminal) would both sync and both answer every command, so the one that comes second is told who
 * holds the store and stops. The lock is the operating system's ({@link FileChannel#tryLock}): it
 * goes with the process, so a bot killed with -9 leaves no stale lock behind. The file also names
 * the holder's PID, for the message. PostgreSQL stores need none of this: replicas share them on
 * purpose, and the leader lease decides who acts.
 */
public final class StoreLock implements AutoCloseable {
  /** The lock file in the store directory. */
  public static final String FILE_NAME = "chatrixcd.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Why the store cannot be taken: another live process holds it. The message says who and where;
   * callers add what to do, which differs between starting a bot and migrating its store.
   */
  public static final class InUseException extends IOException {
    InUseException(Path directory, Optional<String> pid) {
      super(
          "Another ChatrixCD"
              + pid.map(p -> " (PID " + p + ")").orElse("")
              + " is using the store in "
              + directory
              + ".");
    }
  }

  /**
   * Takes the store in {@code directory} for this process, or throws {@link InUseException} naming
   * the process that has it.
   */
  public static StoreLock claim(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(FILE_NAME);
    if (!Files.exists(file)
        && directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      try {
        // Like every store file: readable by the bot's user only.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        // Another process made it meanwhile; the lock below decides.
      }
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this very process holds it already
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      Optional<String> holder = holder(channel);
      channel.close();
      throw new InUseException(directory, holder);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(false);
    return new StoreLock(channel, lock);
  }

  private static Optional<String> holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      return pid.strip().matches("\\d+") ? Optional.of(pid.strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Lets the store go; the file stays (deleting it could race the next holder's claim). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
