package cd.chatrix.app.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Everything the bots log while the matrix runs, as an operator would read it: WARN and ERROR from
 * every logger, and INFO from the loggers that report outages ending.
 */
final class HomeserverLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** One line as logged. */
  record Line(Instant at, Level level, String logger, String text) {
    boolean isProblem() {
      return level.isGreaterOrEqual(Level.WARN);
    }

    @Override
    public String toString() {
      return level + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": " + text;
    }
  }

  /** Loggers whose INFO lines say an outage is over. */
  private static final List<String> INFO_FROM =
      List.of("cd.chatrix.matrix.http.Outages", "cd.chatrix.matrix.sync.SyncEngine");

  private final List<Line> lines = new ArrayList<>();
  private final Map<String, Level> previous = new java.util.HashMap<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  HomeserverLogCapture() {
    for (String name : INFO_FROM) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previous.put(name, logger.getLevel());
      logger.setLevel(Level.INFO);
    }
    setContext(root.getLoggerContext());
    setName("fault-matrix");
    start();
    root.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
      return;
    }
    Line line =
        new Line(
            Instant.ofEpochMilli(event.getTimeStamp()),
            event.getLevel(),
            event.getLoggerName(),
            event.getFormattedMessage()
                + (event.getThrowableProxy() == null
                    ? ""
                    : " ["
                        + event.getThrowableProxy().getClassName()
                        + ": "
                        + event.getThrowableProxy().getMessage()
                        + "]"));
    synchronized (lines) {
      lines.add(line);
    }
  }

  /** Lines logged from {@code since} on that match. */
  List<Line> since(Instant since, Predicate<Line> matching) {
    synchronized (lines) {
      return lines.stream().filter(l -> !l.at().isBefore(since)).filter(matching).toList();
    }
  }

  List<Line> all() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
    previous.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }
}
