package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.ActionListBox;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import java.util.List;
import java.util.function.Consumer;

/** The main menu beside the live status panel. */
final class HomeScreen extends ConsoleScreen {
  private final ActionListBox menu = new ActionListBox();
  private final Label status = new Label("Waiting for the bot's first status…");

  /**
   * @param entries the other screens, as (key, title)
   * @param open opens the screen with that key
   */
  HomeScreen(List<MenuEntry> entries, Consumer<Character> open, ConsoleOptions options) {
    super('h', "Home", "↑↓ Choose  Enter Open", new BorderLayout());
    for (MenuEntry entry : entries) {
      menu.addItem(entry.key() + "  " + entry.title(), () -> open.accept(entry.key()));
    }
    Panel left = new Panel(new LinearLayout(Direction.VERTICAL));
    Label menuTitle = new Label("Menu");
    ThemeFactory.styleAccent(menuTitle, options);
    left.addComponent(menuTitle);
    left.addComponent(menu);
    Panel right = new Panel(new LinearLayout(Direction.VERTICAL));
    Label statusTitle = new Label("Status");
    ThemeFactory.styleAccent(statusTitle, options);
    right.addComponent(statusTitle);
    right.addComponent(status);
    root.addComponent(left, BorderLayout.Location.LEFT);
    root.addComponent(right, BorderLayout.Location.CENTER);
  }

  @Override
  Interactable firstFocus() {
    return menu;
  }

  @Override
  void refresh(ConsoleModel model, ConsoleContext context) {
    String text = " " + String.join("\n ", StatusText.lines(model.status()));
    context.ui(() -> status.setText(text));
  }

  /** One line of the main menu. */
  record MenuEntry(char key, String title) {}
}
