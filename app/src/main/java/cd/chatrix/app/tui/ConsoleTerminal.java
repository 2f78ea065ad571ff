package cd.chatrix.app.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Opens the process's own terminal the way the console needs it. */
public final class ConsoleTerminal {
  private ConsoleTerminal() {}

  /**
   * The text terminal on stdin/stdout, UTF-8 (for the verification emoji), never a Swing window.
   * Ctrl-C is delivered to the console as a key, which asks the operator before stopping the bot,
   * instead of killing the process before the shutdown message is sent.
   *
   * @throws UncheckedIOException when stdin/stdout is not a usable terminal; run in log mode
   *     ({@code -L}) instead
   */
  public static Terminal open() {
    try {
      return new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
          .setForceTextTerminal(true)
          .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
          .createTerminal();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "This is not an interactive terminal, so the console cannot start; run with -L for log"
              + " mode. ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
