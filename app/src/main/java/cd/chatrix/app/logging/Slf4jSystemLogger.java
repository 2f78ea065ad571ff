package cd.chatrix.app.logging;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** One {@link System.Logger} backed by the SLF4J logger of the same name. */
final class Slf4jSystemLogger implements System.Logger {
  private final String name;
  // Resolved on first use: the JDK may ask for loggers while SLF4J itself is still starting.
  private volatile Logger delegate;

  Slf4jSystemLogger(String name) {
    this.name = name;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isLoggable(Level level) {
    Logger logger = logger();
    return switch (level) {
      case ALL, TRACE -> logger.isTraceEnabled();
      case DEBUG -> logger.isDebugEnabled();
      case INFO -> logger.isInfoEnabled();
      case WARNING -> logger.isWarnEnabled();
      case ERROR -> logger.isErrorEnabled();
      case OFF -> false;
    };
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    if (!isLoggable(level)) {
      return;
    }
    LoggingEventBuilder event =
        logger().atLevel(slf4jLevel(level)).setMessage(localize(bundle, msg));
    if (thrown != null) {
      event = event.setCause(thrown);
    }
    event.log();
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (!isLoggable(level)) {
      return;
    }
    String pattern = localize(bundle, format);
    // System.Logger formats with java.text.MessageFormat ({0}), not SLF4J's {} placeholders.
    logger().atLevel(slf4jLevel(level)).setMessage(format(pattern, params)).log();
  }

  private static String format(String pattern, Object[] params) {
    if (params == null || params.length == 0) {
      return pattern;
    }
    try {
      return new MessageFormat(pattern).format(params);
    } catch (IllegalArgumentException e) {
      // A malformed pattern must not lose the line: show it with its arguments appended.
      return pattern + " " + java.util.Arrays.toString(params);
    }
  }

  private Logger logger() {
    Logger current = delegate;
    if (current == null) {
      current = LoggerFactory.getLogger(name);
      delegate = current;
    }
    return current;
  }

  private static org.slf4j.event.Level slf4jLevel(Level level) {
    return switch (level) {
      case ALL, TRACE -> org.slf4j.event.Level.TRACE;
      case DEBUG -> org.slf4j.event.Level.DEBUG;
      case INFO -> org.slf4j.event.Level.INFO;
      case WARNING -> org.slf4j.event.Level.WARN;
      case ERROR, OFF -> org.slf4j.event.Level.ERROR;
    };
  }

  private static String localize(ResourceBundle bundle, String key) {
    if (bundle == null || key == null) {
      return key == null ? "" : key;
    }
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
  }
}
