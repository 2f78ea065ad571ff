package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The part every list screen shares: a table over a one-line summary, the screen's letter keys, and
 * the items behind the rows so an action finds what the operator selected. A screen adds only its
 * own: title, columns, how an item reads as a row, the summary, and what its letters do.
 *
 * @param <T> what one row shows
 */
abstract sealed class ListScreen<T> implements ConsoleScreen
    permits AdminsScreen, AliasesScreen, LogsScreen, RoomsScreen, SessionsScreen, TasksScreen {
  /** The help bar of a list that has no letters of its own. */
  static final String SCROLL_ONLY = "↑↓ Scroll";

  final ConsoleContext context;
  final Table<String> table;
  private final char key;
  private final String title;
  private final Map<Character, Letter> letters = new LinkedHashMap<>();
  private final Panel root = new Panel(new BorderLayout());
  private final Label summary = new Label("");
  // Written and read on the GUI thread only, together with the table's rows.
  private List<T> shown = List.of();

  ListScreen(ConsoleContext context, char key, String title, String... columns) {
    this.context = context;
    this.key = key;
    this.title = title;
    this.table = new Table<>(columns);
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  /**
   * Binds a letter to an action (run on the GUI thread) and lists it in the help bar, in the order
   * of binding; call from the constructor.
   */
  final void on(char letter, String label, Runnable action) {
    letters.put(letter, new Letter(label, action));
  }

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
    if (letters.isEmpty()) {
      return SCROLL_ONLY;
    }
    return letters.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().label())
        .collect(Collectors.joining("  "));
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
  public boolean handle(KeyStroke stroke) {
    Letter letter =
        stroke.getKeyType() == KeyType.Character ? letters.get(stroke.getCharacter()) : null;
    if (letter == null) {
      return false;
    }
    letter.action().run();
    return true;
  }

  /**
   * Renders {@code items} as rows here, on the polling thread, and posts them with the summary to
   * the GUI thread.
   */
  final void show(List<T> items, Function<? super T, List<String>> row, String summaryText) {
    show(items, row, summaryText, () -> {});
  }

  /** As {@link #show(List, Function, String)}, then runs {@code after} on the GUI thread. */
  final void show(
      List<T> items, Function<? super T, List<String>> row, String summaryText, Runnable after) {
    List<List<String>> rows = items.stream().<List<String>>map(row).toList();
    context.ui(() -> {
      shown = items;
      Rows.replace(table, rows);
      summary.setText(summaryText);
      after.run();
    });
  }

  /**
   * Hands the selected row's item to {@code action}; with no row selected, tells the operator
   * {@code none} instead. GUI thread only.
   */
  final void withSelected(String none, Consumer<T> action) {
    int row = Rows.selected(table);
    if (row < 0) {
      context.message(none);
      return;
    }
    action.accept(shown.get(row));
  }

  private record Letter(String label, Runnable action) {}
}
