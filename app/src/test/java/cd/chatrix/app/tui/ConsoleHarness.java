package cd.chatrix.app.tui;

import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the console on Lanterna's virtual terminal and reads what it drew. */
final class ConsoleHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  final FakeConsoleModel model = new FakeConsoleModel();
  final RecordingActions actions = new RecordingActions();
  final DefaultVirtualTerminal terminal;
  final OperatorConsole console;

  ConsoleHarness() {
    this(new TerminalSize(80, 24), ConsoleOptions.plain());
  }

  ConsoleHarness(TerminalSize size, ConsoleOptions options) {
    terminal = new DefaultVirtualTerminal(size);
    console = OperatorConsole.start(terminal, model, actions, options, Duration.ofMillis(100));
    awaitText("Status");
  }

  /** The visible screen, one string per row, trailing spaces removed. */
  List<String> lines() {
    TerminalSize size = terminal.getTerminalSize();
    List<String> lines = new ArrayList<>();
    for (int row = 0; row < size.getRows(); row++) {
      StringBuilder line = new StringBuilder();
      for (int col = 0; col < size.getColumns(); col++) {
        line.append(terminal.getCharacter(col, row).getCharacterString());
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  String text() {
    return String.join("\n", lines());
  }

  void awaitText(String expected) {
    waitFor("the screen to show \"" + expected + "\"", () -> text().contains(expected));
  }

  void awaitNoText(String unexpected) {
    waitFor(
        "the screen to stop showing \"" + unexpected + "\"", () -> !text().contains(unexpected));
  }

  void awaitCall(String call) {
    waitFor("the call " + call, () -> actions.calls.contains(call));
  }

  /** Waits for a condition; on timeout the failure shows the screen, which is what one needs. */
  private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "Timed out waiting for "
              + what
              + "; calls "
              + actions.calls
              + "; screen:\n"
              + text()
              + "\n"
              + threads(),
          e);
    }
  }

  private static String threads() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach((thread, stack) -> {
          out.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
          for (int i = 0; i < Math.min(stack.length, 25); i++) {
            out.append("    at ").append(stack[i]).append('\n');
          }
        });
    return out.toString();
  }

  void type(String text) {
    for (char c : text.toCharArray()) {
      terminal.addInput(new KeyStroke(c, false, false));
    }
  }

  void press(KeyType key) {
    terminal.addInput(new KeyStroke(key));
  }

  /** Opens a screen by its shortcut and waits until its title is in the header. */
  void open(char key, String title) {
    type(String.valueOf(key));
    awaitText("│ " + title + " │");
  }

  /** Waits until the screen has {@code rows} rows and the help bar is on the last one. */
  void awaitHelpBarOnLastRow(int rows) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          List<String> lines = lines();
          return lines.size() == rows
              && lines.get(rows - 1).equals(OperatorConsole.NAVIGATION)
              && lines.get(rows - 2).contains("q Quit");
        });
  }

  @Override
  public void close() {
    console.close();
  }
}
