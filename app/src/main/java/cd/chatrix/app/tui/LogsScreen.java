package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The bot's recent log lines, oldest at the top, with a level filter, a search and follow mode. */
final class LogsScreen implements ConsoleScreen {
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ConsoleContext context;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table = new Table<>("Log");
  private final Label summary = new Label("");
  private volatile int minimumLevel = 0;
  private volatile String search = "";
  private volatile boolean follow = true;

  LogsScreen(ConsoleContext context) {
    this.context = context;
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 'l';
  }

  @Override
  public String title() {
    return "Logs";
  }

  @Override
  public String keys() {
    return "g Level  / Search  f Follow";
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
  public boolean handle(KeyStroke key) {
    if (key.getKeyType() == KeyType.ArrowUp || key.getKeyType() == KeyType.PageUp) {
      // Reading back through the log: stop jumping to the newest line under the reader's eyes.
      follow = false;
      return false;
    }
    if (key.getKeyType() != KeyType.Character) {
      return false;
    }
    switch (key.getCharacter()) {
      case 'g' -> minimumLevel = (minimumLevel + 1) % LEVELS.size();
      case 'f' -> follow = !follow;
      case '/' ->
          context
              .dialogs()
              .prompt(
                  "Search the log",
                  List.of("Contains (empty: all)"),
                  List.of(search),
                  values -> {
                    search = values.getFirst();
                    context.refreshSoon();
                  });
      default -> {
        return false;
      }
    }
    context.refreshSoon();
    return true;
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    int level = minimumLevel;
    String needle = search.toLowerCase(Locale.ROOT);
    int width = Math.max(20, context.width() - 2);
    List<List<String>> rows =
        model.recentLogs().stream()
            .filter(l -> rank(l.level()) >= level)
            .map(LogsScreen::format)
            .filter(text -> needle.isEmpty() || text.toLowerCase(Locale.ROOT).contains(needle))
            .map(text -> List.of(Rows.clip(text, width)))
            .toList();
    boolean following = follow;
    String text =
        "Level ≥ "
            + LEVELS.get(level)
            + (needle.isEmpty() ? "" : " · search \"" + search + "\"")
            + " · follow "
            + (following ? "on" : "off")
            + " · "
            + rows.size()
            + " line(s)";
    context.ui(() -> {
      Rows.replace(table, rows);
      if (following && !rows.isEmpty()) {
        table.setSelectedRow(rows.size() - 1);
        // The table keeps the scroll offset of its first, smaller layout; pin the view so the
        // newest lines fill it from the bottom.
        int visible = Math.max(1, table.getSize().getRows() - 1);
        table.setViewTopRow(Math.max(0, rows.size() - visible));
      }
      summary.setText(text);
    });
  }

  static String format(LogLine line) {
    return TIME.format(line.time())
        + " "
        + String.format("%-5s", line.level())
        + " "
        + line.logger()
        + ": "
        + line.message().replace('\n', ' ');
  }

  private static int rank(String level) {
    int i = LEVELS.indexOf(level.toUpperCase(Locale.ROOT));
    return i < 0 ? LEVELS.size() : i;
  }
}
