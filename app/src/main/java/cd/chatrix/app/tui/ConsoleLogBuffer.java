package cd.chatrix.app.tui;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A Logback appender that keeps the last few thousand log lines in memory for the Logs screen. In
 * TUI mode it replaces the console appender, so log output never writes over the screen.
 *
 * <p>Messages pass through the given redactor before they are stored, because the screen may be
 * shared or recorded.
 */
public final class ConsoleLogBuffer extends AppenderBase<ILoggingEvent> {
  public static final int DEFAULT_CAPACITY = 2000;

  private final int capacity;
  private final UnaryOperator<String> redactor;
  private final ArrayDeque<LogLine> lines;

  /**
   * @param capacity how many lines to keep; older ones are dropped
   * @param redactor removes secrets from a message (the logging module's redactor)
   */
  public ConsoleLogBuffer(int capacity, UnaryOperator<String> redactor) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.lines = new ArrayDeque<>(Math.min(capacity, 256));
    setName("TUI");
  }

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      message = message + " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")";
    }
    LogLine line =
        new LogLine(
            Instant.ofEpochMilli(event.getTimeStamp()),
            event.getLevel().toString(),
            shortName(event.getLoggerName()),
            redactor.apply(message == null ? "" : message));
    synchronized (lines) {
      if (lines.size() == capacity) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
  }

  /** The kept lines, oldest first. */
  public List<LogLine> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  private static String shortName(String logger) {
    if (logger == null) {
      return "";
    }
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}
