package cd.chatrix.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A rolling file appender whose files are readable by the owner only. Logs are redacted, but they
 * still describe who ran what; they do not need to be world-readable. The active file is created
 * {@code 0600} before Logback first opens it; after a rollover Logback creates the new file itself,
 * so it is restricted again straight away (the rolled files keep their mode, since rolling renames
 * them).
 */
final class PrivateRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
  @Override
  public void start() {
    restrict(Path.of(getFile()));
    super.start();
  }

  @Override
  public void rollover() {
    super.rollover();
    restrict(Path.of(getFile()));
  }

  private void restrict(Path file) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      if (Files.notExists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      addWarn("Could not restrict permissions of log file " + file + ": " + e);
    }
  }
}
