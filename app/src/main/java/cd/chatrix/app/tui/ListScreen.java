package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every list screen shares: a table of the model's items with a one-line summary under it,
 * focus on the table, the screen's own letter keys, and the item behind the selected row for them.
 * A screen says only which items, how each looks as a row, what the summary reads and what its
 * letters do.
 */
abstract sealed class ListScreen<T> extends ConsoleScreen
    permits AdminsScreen, AliasesScreen, LogsScreen, RoomsScreen, SessionsScreen, TasksScreen {
  private final Function<ConsoleModel, List<T>> items;
  private final Table<String> table;
  private final Label summary = new Label("");
  private final Map<Character, Runnable> letters = new HashMap<>();
  // Written and read on the GUI thread only, so it always matches the rows on show.
  private List<T> shown = List.of();

  /**
   * @param items the items to list, read from the model on the polling thread
   * @param columns the table's column headings
   */
  ListScreen(
      char key,
      String title,
      String keys,
      Function<ConsoleModel, List<T>> items,
      String... columns) {
    super(key, title, keys, new BorderLayout());
    this.items = items;
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
  List<T> items(ConsoleModel model) {
    return items.apply(model);
  }

  /** One item as a table row, fitted to a console {@code width} columns wide. */
  abstract List<String> row(T item, int width);

  /** The line under the table. */
  abstract String summary(List<T> items);

  /** Sees a key the screen lets through (arrows, the global shortcuts); on the GUI thread. */
  void passing(KeyStroke key) {}

  /** Runs on the GUI thread right after the table got new rows, e.g. to scroll it. */
  void shown(Table<String> table, int rows) {}

  @Override
  final Interactable firstFocus() {
    return table;
  }

  /** Claims the bound letters only, so arrows and the global shortcuts keep working. */
  @Override
  final boolean handle(KeyStroke key) {
    Runnable action =
        key.getKeyType() == KeyType.Character ? letters.get(key.getCharacter()) : null;
    if (action == null) {
      passing(key);
      return false;
    }
    action.run();
    return true;
  }

  @Override
  final void refresh(ConsoleModel model, ConsoleContext context) {
    List<T> listed = items(model);
    int width = context.width();
    List<List<String>> rows = listed.stream().map(item -> row(item, width)).toList();
    String text = summary(listed);
    context.ui(() -> {
      shown = listed;
      Rows.replace(table, rows);
      shown(table, rows.size());
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
