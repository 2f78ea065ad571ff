package cd.chatrix.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code from {@link LogSettings}. Call {@link #configure} once the CLI is
 * parsed (and again whenever the settings change); until then {@link DefaultLogConfigurator} keeps
 * a safe default (console, INFO, secrets redacted). Call {@link #shutdown} last on exit so the file
 * is flushed and closed.
 */
public final class Logging {
  /** Logger namespace of this project; {@code -v} turns DEBUG on for it. */
  public static final String PROJECT_LOGGER = "cd.chatrix";

  private static final ReentrantLock LOCK = new ReentrantLock();

  private Logging() {}

  /** Replaces the whole logging set-up with one built from {@code settings}. */
  public static void configure(LogSettings settings) {
    configure(settings, System.err);
  }

  /**
   * As {@link #configure(LogSettings)}, with the console going to {@code console}; used by tests.
   */
  static void configure(LogSettings settings, PrintStream console) {
    apply(context(), settings, console);
  }

  private static Level rootLevel(int verbosity) {
    return switch (verbosity) {
      case LogSettings.SILENT -> Level.OFF;
      case LogSettings.ERRORS -> Level.ERROR;
      case LogSettings.WARNINGS -> Level.WARN;
      case 0, 1 -> Level.INFO;
      default -> Level.DEBUG;
    };
  }

  /**
   * Builds the set-up on a given context; Logback's start-up hook calls this before SLF4J is ready.
   */
  static void apply(LoggerContext context, LogSettings settings, PrintStream console) {
    LOCK.lock();
    try {
      context.reset();
      Redactor redactor = Redactor.of(settings.redactIdentifiers());
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.setLevel(rootLevel(settings.verbosity()));
      context.getLogger(PROJECT_LOGGER).setLevel(settings.verbosity() >= 1 ? Level.DEBUG : null);
      if (settings.console()) {
        Encoder<ILoggingEvent> encoder =
            settings.json()
                ? new JsonLineEncoder(redactor)
                : new TextLineEncoder(redactor, settings.colour());
        root.addAppender(consoleAppender(context, encoder, console));
      }
      settings
          .file()
          .ifPresent(file -> {
            Encoder<ILoggingEvent> encoder =
                settings.json()
                    ? new JsonLineEncoder(redactor)
                    : new TextLineEncoder(redactor, false);
            root.addAppender(fileAppender(context, encoder, file, settings));
          });
    } finally {
      LOCK.unlock();
    }
  }

  /** Flushes and closes every appender. Logging after this goes nowhere. */
  public static void shutdown() {
    LOCK.lock();
    try {
      context().stop();
    } finally {
      LOCK.unlock();
    }
  }

  static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException(
        "SLF4J is bound to "
            + factory.getClass().getName()
            + " instead of Logback; remove the other SLF4J provider from the class path.");
  }

  private static Appender<ILoggingEvent> consoleAppender(
      LoggerContext context, Encoder<ILoggingEvent> encoder, PrintStream console) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("console");
    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    appender.setOutputStream(new KeepOpen(console));
    appender.start();
    return appender;
  }

  private static Appender<ILoggingEvent> fileAppender(
      LoggerContext context, Encoder<ILoggingEvent> encoder, Path file, LogSettings settings) {
    String path = file.toAbsolutePath().toString();
    PrivateRollingFileAppender appender = new PrivateRollingFileAppender();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(path);
    appender.setAppend(true);

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(path + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(settings.maxFiles());
    rolling.start();

    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(new FileSize(settings.maxFileBytes()));
    // Logback checks the size at most once a minute by default, which lets a burst (a -vv sync
    // loop) grow the file far past the limit. A stat() four times a second costs nothing.
    trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(250));
    trigger.start();

    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException(
          "Cannot write the log file "
              + path
              + ". Check that its directory exists and is writable, or change bot.log_file.");
    }
    return appender;
  }

  /**
   * The console stream belongs to the process: stopping an appender must not close standard error.
   */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
