package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * One screen of the console. Screens are built once and swapped into the main window; the console
 * calls {@link #refresh} from its polling thread and the screen posts its widget changes to the GUI
 * thread through {@link ConsoleContext#ui}.
 */
sealed interface ConsoleScreen
    permits HomeScreen, ListScreen, SayScreen, LogsScreen, SetScreen, ShowScreen {

  /** The global single-letter shortcut that opens this screen. */
  char key();

  String title();

  /** This screen's own keys for the help bar, e.g. {@code "j Join p Leave"}. */
  String keys();

  Component component();

  /** Where focus goes when the screen opens. */
  Interactable firstFocus();

  /**
   * A key the screen may claim before the global shortcuts; called on the GUI thread. Letters only
   * arrive here when no editable text box has focus.
   */
  default boolean handle(KeyStroke key) {
    return false;
  }

  /** Reads the model (on the polling thread, may be slow) and posts the widget updates. */
  void refresh(ConsoleModel model, ConsoleContext context);
}
