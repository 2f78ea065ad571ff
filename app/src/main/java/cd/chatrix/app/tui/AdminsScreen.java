package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import java.util.List;

/** Who may administer the bot (read from the configuration). */
final class AdminsScreen implements ConsoleScreen {
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table = new Table<>("Admin");
  private final Label summary = new Label("");

  AdminsScreen() {
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 'a';
  }

  @Override
  public String title() {
    return "Admins";
  }

  @Override
  public String keys() {
    return "↑↓ Scroll";
  }

  @Override
  public Component component() {
    return root;
  }

  @Override
  public Interactable firstFocus() {
    return table;
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<String> admins = model.admins();
    List<List<String>> rows = admins.stream().map(List::of).toList();
    String text =
        admins.isEmpty()
            ? "No admins configured, so everyone counts as one: list Matrix ids in admin_users in the config."
            : admins.size() + " admin(s); change admin_users in the config file to edit the list.";
    context.ui(() -> {
      Rows.replace(table, rows);
      summary.setText(text);
    });
  }
}
