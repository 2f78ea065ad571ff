package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every list screen shares: a table of the model's items with a one-line summary under it,
 * focus on the table, the screen's own letter keys, and the item behind the selected row for them.
 * A screen says only which items, how each looks as a row, what the summary reads and what its
 * letters do.
 */
abstract sealed class ListScreen<T> implements ConsoleScreen
    permits AdminsScreen, AliasesScreen, RoomsScreen, SessionsScreen, TasksScreen {
  private final char key;
  private final String title;
  private final String keys;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table;
  private final Label summary = new Label("");
  private final Map<Character, Runnable> letters = new HashMap<>();
  // Written and read on the GUI thread only, so it always matches the rows on show.
  private List<T> shown = List.of();

  ListScreen(char key, String title, String keys, String... columns) {
    this.key = key;
    this.title = title;
    this.keys = keys;
    this.table = new Table<>(columns);
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  /**
   * Binds one of the screen's own letters (those its {@code keys} help text names) to an action run
   * on the GUI thread; call from the constructor.
   */
  final void on(char letter, Runnable action) {
    letters.put(letter, action);
  }

  /** The items to list, read from the model on the polling thread. */
  abstract List<T> items(ConsoleModel model);

  /** One item as a table row, fitted to a console {@code width} columns wide. */
  abstract List<String> row(T item, int width);

  /** The line under the table. */
  abstract String summary(List<T> items);

  @Override
  public final char key() {
    return key;
  }

  @Override
  public final String title() {
    return title;
  }

  @Override
  public final String keys() {
    return keys;
  }

  @Override
  public final Component component() {
    return root;
  }

  @Override
  public final Interactable firstFocus() {
    return table;
  }

  /** Claims the bound letters only, so arrows and the global shortcuts keep working. */
  @Override
  public final boolean handle(KeyStroke key) {
    Runnable action =
        key.getKeyType() == KeyType.Character ? letters.get(key.getCharacter()) : null;
    if (action == null) {
      return false;
    }
    action.run();
    return true;
  }

  @Override
  public final void refresh(ConsoleModel model, ConsoleContext context) {
    List<T> items = items(model);
    int width = context.width();
    List<List<String>> rows = items.stream().map(item -> row(item, width)).toList();
    String text = summary(items);
    context.ui(() -> {
      shown = items;
      Rows.replace(table, rows);
      summary.setText(text);
    });
  }

  /** The item in the selected row; when there is none, tells the operator {@code whenNone}. */
  final Optional<T> selected(ConsoleContext context, String whenNone) {
    int row = Rows.selected(table);
    if (row < 0) {
      context.message(whenNone);
      return Optional.empty();
    }
    return Optional.of(shown.get(row));
  }
}
