package cd.chatrix.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The places a secret must never reach that a room's timeline does not show: every log line, with
 * the project's own code at DEBUG (what an operator turns on when something is wrong) and stack
 * traces included, and the bot's files (databases, WAL and journal files). Watch from before the
 * bot starts; close after it stopped.
 */
final class SecretLeaks implements AutoCloseable {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger ours = (Logger) LoggerFactory.getLogger("cd.chatrix");
  private final Level oursBefore = ours.getLevel();

  private SecretLeaks() {
    logs.start();
    root.addAppender(logs);
    ours.setLevel(Level.DEBUG);
  }

  static SecretLeaks watch() {
    return new SecretLeaks();
  }

  /** Every line logged so far, each with its stack trace. */
  List<String> logLines() {
    List<ILoggingEvent> events;
    synchronized (logs) {
      events = List.copyOf(logs.list);
    }
    return events.stream()
        .map(e ->
            e.getFormattedMessage()
                + (e.getThrowableProxy() == null
                    ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .toList();
  }

  /** Every file under {@code dir} whose bytes hold {@code secret}. */
  static List<Path> filesHolding(Path dir, String secret) {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> holds(f, needle)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean holds(Path file, byte[] needle) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      return false; // removed while walking (a WAL checkpoint)
    }
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    ours.setLevel(oursBefore);
    root.detachAppender(logs);
    logs.stop();
  }
}
