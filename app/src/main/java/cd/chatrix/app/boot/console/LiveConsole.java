package cd.chatrix.app.boot.console;

import cd.chatrix.app.logging.Redactor;
import cd.chatrix.app.tui.ConsoleLogBuffer;
import cd.chatrix.app.tui.ConsoleOptions;
import cd.chatrix.app.tui.ConsoleTerminal;
import cd.chatrix.app.tui.OperatorConsole;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator console over a started bot in the foreground: the console owns the terminal
 * until the operator quits or something else (a signal, {@code !cd exit}) asks the bot to stop.
 */
public final class LiveConsole {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(LiveConsole.class);

  private LiveConsole() {}

  /**
   * Sends every log event to a new in-memory buffer for the Logs screen. Attach it after the
   * logging set-up is final, because reconfiguring logging removes it again.
   *
   * @param redactIdentifiers also hide Matrix ids and hosts ({@code -R}), not only secrets
   */
  public static ConsoleLogBuffer captureLogs(boolean redactIdentifiers) {
    Redactor redactor = Redactor.of(redactIdentifiers);
    ConsoleLogBuffer buffer =
        new ConsoleLogBuffer(ConsoleLogBuffer.DEFAULT_CAPACITY, redactor::redact);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      buffer.setContext(context);
      buffer.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(buffer);
    }
    return buffer;
  }

  /**
   * Takes over the terminal and blocks until the console closes: after the operator quits (which
   * requests the bot's stop) or once a stop is requested elsewhere. The caller then runs the normal
   * shutdown.
   *
   * @throws UncheckedIOException when this is not a terminal the console can use; the bot is
   *     untouched and may go on in log mode
   */
  public static void run(RunningBot running, ConsoleLogBuffer logs, ConsoleOptions options)
      throws InterruptedException {
    Terminal terminal = ConsoleTerminal.open();
    try (LiveConsoleModel model = new LiveConsoleModel(running, logs::lines);
        OperatorConsole console =
            OperatorConsole.start(terminal, model, new LiveConsoleActions(running), options)) {
      Thread stopWatcher =
          Thread.ofVirtual()
              .name("tui-stop-watcher")
              .start(() -> {
                try {
                  running.shutdown().awaitStopRequest();
                  console.close();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      try {
        console.awaitExit();
      } finally {
        stopWatcher.interrupt();
      }
    } finally {
      try {
        terminal.close();
      } catch (IOException e) {
        log.warn("Could not give the terminal back cleanly: {}", e.getMessage());
      }
    }
  }
}
