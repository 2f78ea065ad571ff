package cd.chatrix.bot.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the bot logs at ERROR and WARNING (the bot logs through {@code System.Logger}, which
 * the JDK sends to {@code java.util.logging} when no other backend is present, as in this module's
 * tests).
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger = Logger.getLogger("cd.chatrix.bot");
  private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final boolean parentHandlers;
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(r);
          } else if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Starts recording; with {@code quiet}, the bot's log stays off the console meanwhile. */
  public LogCapture(boolean quiet) {
    parentHandlers = logger.getUseParentHandlers();
    logger.addHandler(handler);
    if (quiet) {
      logger.setUseParentHandlers(false);
    }
  }

  public List<LogRecord> errors() {
    return List.copyOf(errors);
  }

  /** What the bot logged at WARNING (errors not included). */
  public List<LogRecord> warnings() {
    return List.copyOf(warnings);
  }

  public void clear() {
    errors.clear();
    warnings.clear();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parentHandlers);
  }
}
