package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The bot's recent log lines, oldest at the top, with a level filter, a search and follow mode. */
final class LogsScreen extends ListScreen<LogLine> {
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private volatile int minimumLevel = 0;
  private volatile String search = "";
  private volatile boolean follow = true;

  LogsScreen(ConsoleContext context) {
    super('l', "Logs", "g Level  / Search  f Follow", ConsoleModel::recentLogs, "Log");
    on(
        'g',
        () -> {
          minimumLevel = (minimumLevel + 1) % LEVELS.size();
          context.refreshSoon();
        });
    on(
        'f',
        () -> {
          follow = !follow;
          context.refreshSoon();
        });
    on(
        '/',
        () ->
            context
                .dialogs()
                .prompt(
                    "Search the log",
                    List.of("Contains (empty: all)"),
                    List.of(search),
                    values -> {
                      search = values.getFirst();
                      context.refreshSoon();
                    }));
  }

  /** The lines at or above the chosen level whose text, as shown, contains the search. */
  @Override
  List<LogLine> items(ConsoleModel model) {
    int level = minimumLevel;
    String needle = search.toLowerCase(Locale.ROOT);
    return super.items(model).stream()
        .filter(l -> rank(l.level()) >= level)
        .filter(l -> needle.isEmpty() || format(l).toLowerCase(Locale.ROOT).contains(needle))
        .toList();
  }

  @Override
  List<String> row(LogLine line, int width) {
    return List.of(Rows.clip(format(line), Math.max(20, width - 2)));
  }

  @Override
  String summary(List<LogLine> lines) {
    return "Level ≥ "
        + LEVELS.get(minimumLevel)
        + (search.isEmpty() ? "" : " · search \"" + search + "\"")
        + " · follow "
        + (follow ? "on" : "off")
        + " · "
        + lines.size()
        + " line(s)";
  }

  /** Reading back through the log: stop jumping to the newest line under the reader's eyes. */
  @Override
  void passing(KeyStroke key) {
    if (key.getKeyType() == KeyType.ArrowUp || key.getKeyType() == KeyType.PageUp) {
      follow = false;
    }
  }

  @Override
  void shown(Table<String> table, int rows) {
    if (follow && rows > 0) {
      table.setSelectedRow(rows - 1);
      // The table keeps the scroll offset of its first, smaller layout; pin the view so the
      // newest lines fill it from the bottom.
      int visible = Math.max(1, table.getSize().getRows() - 1);
      table.setViewTopRow(Math.max(0, rows - visible));
    }
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
