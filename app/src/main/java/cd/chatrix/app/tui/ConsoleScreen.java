package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.LayoutManager;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * One screen of the console: its shortcut, title and help keys, and the panel it draws into.
 * Screens are built once and swapped into the main window; the console calls {@link #refresh} from
 * its polling thread and the screen posts its widget changes to the GUI thread through {@link
 * ConsoleContext#ui}.
 */
abstract sealed class ConsoleScreen
    permits HomeScreen, ListScreen, SayScreen, SetScreen, ShowScreen {
  private final char key;
  private final String title;
  private final String keys;

  /** What the screen shows; a screen adds its widgets to it in its constructor. */
  final Panel root;

  /**
   * @param key the global single-letter shortcut that opens this screen
   * @param keys this screen's own keys for the help bar, e.g. {@code "j Join p Leave"}
   * @param layout how {@link #root} arranges the screen's widgets
   */
  ConsoleScreen(char key, String title, String keys, LayoutManager layout) {
    this.key = key;
    this.title = title;
    this.keys = keys;
    this.root = new Panel(layout);
  }

  final char key() {
    return key;
  }

  final String title() {
    return title;
  }

  final String keys() {
    return keys;
  }

  final Component component() {
    return root;
  }

  /** Where focus goes when the screen opens. */
  abstract Interactable firstFocus();

  /**
   * A key the screen may claim before the global shortcuts; called on the GUI thread. Letters only
   * arrive here when no editable text box has focus.
   */
  boolean handle(KeyStroke key) {
    return false;
  }

  /** Reads the model (on the polling thread, may be slow) and posts the widget updates. */
  abstract void refresh(ConsoleModel model, ConsoleContext context);
}
