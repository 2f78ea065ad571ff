package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import java.util.List;
import java.util.Optional;

/**
 * What every list screen shares: a table of the model's items with a one-line summary under it,
 * focus on the table, and the item behind the selected row for the screen's own keys. A screen says
 * only which items, how each looks as a row, and what the summary reads.
 */
abstract sealed class ListScreen<T> implements ConsoleScreen
    permits AdminsScreen, AliasesScreen, RoomsScreen, SessionsScreen, TasksScreen {
  private final char key;
  private final String title;
  private final String keys;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table;
  private final Label summary = new Label("");
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
