package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * What every screen shares: the actions (run off the GUI thread), the dialogs, the message line and
 * a way to ask for an early refresh after a change.
 */
final class ConsoleContext {
  private final WindowBasedTextGUI gui;
  private final ConsoleActions actions;
  private final ExecutorService workers;
  private final Label messageLine;
  private final Runnable refreshSoon;
  private final Dialogs dialogs;

  ConsoleContext(
      WindowBasedTextGUI gui,
      ConsoleActions actions,
      ExecutorService workers,
      Label messageLine,
      Runnable refreshSoon) {
    this.gui = gui;
    this.actions = actions;
    this.workers = workers;
    this.messageLine = messageLine;
    this.refreshSoon = refreshSoon;
    this.dialogs = new Dialogs(gui);
  }

  ConsoleActions actions() {
    return actions;
  }

  Dialogs dialogs() {
    return dialogs;
  }

  /** Columns available to the screen's content right now. */
  int width() {
    return gui.getScreen().getTerminalSize().getColumns();
  }

  /**
   * Runs an action on a worker thread so a slow homeserver never freezes the screen, then reports
   * how it went on the message line.
   */
  void perform(String doing, String done, ConsoleActionTask action) {
    message(doing + "…");
    try {
      workers.execute(() -> {
        try {
          action.run(actions);
          message(done);
        } catch (RuntimeException e) {
          message(
              doing
                  + " failed: "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        refreshSoon.run();
      });
    } catch (RejectedExecutionException e) {
      message("The console is closing; nothing was done.");
    }
  }

  /**
   * Asks {@code question} in a dialog titled {@code title} and, only when the operator presses
   * {@code verb}, {@link #perform performs} the action.
   */
  void confirmThenPerform(
      String title,
      String question,
      String verb,
      String doing,
      String done,
      ConsoleActionTask action) {
    dialogs.confirm(title, question, verb, () -> perform(doing, done, action));
  }

  /** Shows a one-line message below the screen; safe from any thread. */
  void message(String text) {
    ui(() -> messageLine.setText(text));
  }

  void ui(Runnable update) {
    try {
      gui.getGUIThread().invokeLater(update);
    } catch (IllegalStateException closing) {
      // The GUI thread has stopped; there is no screen left to update.
    }
  }

  void refreshSoon() {
    refreshSoon.run();
  }

  /** One call on {@link ConsoleActions}. */
  @FunctionalInterface
  interface ConsoleActionTask {
    void run(ConsoleActions actions);
  }
}
