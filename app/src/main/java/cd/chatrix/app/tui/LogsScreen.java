package cd.chatrix.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The bot's recent log lines, oldest at the top, with a level filter, a search and follow mode. */
final class LogsScreen extends ListScreen<String> {
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private volatile int minimumLevel = 0;
  private volatile String search = "";
  private volatile boolean follow = true;

  LogsScreen(ConsoleContext context) {
    super(context, 'l', "Logs", "Log");
    on('g', "Level", () -> minimumLevel = (minimumLevel + 1) % LEVELS.size());
    on('/', "Search", this::askSearch);
    on('f', "Follow", () -> follow = !follow);
  }

  @Override
  public boolean handle(KeyStroke key) {
    if (key.getKeyType() == KeyType.ArrowUp || key.getKeyType() == KeyType.PageUp) {
      // Reading back through the log: stop jumping to the newest line under the reader's eyes.
      follow = false;
      return false;
    }
    if (!super.handle(key)) {
      return false;
    }
    context.refreshSoon();
    return true;
  }

  private void askSearch() {
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
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    int level = minimumLevel;
    String needle = search.toLowerCase(Locale.ROOT);
    int width = Math.max(20, context.width() - 2);
    List<String> lines =
        model.recentLogs().stream()
            .filter(l -> rank(l.level()) >= level)
            .map(LogsScreen::format)
            .filter(text -> needle.isEmpty() || text.toLowerCase(Locale.ROOT).contains(needle))
            .toList();
    boolean following = follow;
    String text =
        "Level ≥ "
            + LEVELS.get(level)
            + (needle.isEmpty() ? "" : " · search \"" + search + "\"")
            + " · follow "
            + (following ? "on" : "off")
            + " · "
            + lines.size()
            + " line(s)";
    show(
        lines,
        line -> List.of(Rows.clip(line, width)),
        text,
        () -> {
          if (following && !lines.isEmpty()) {
            table.setSelectedRow(lines.size() - 1);
            // The table keeps the scroll offset of its first, smaller layout; pin the view so the
            // newest lines fill it from the bottom.
            int visible = Math.max(1, table.getSize().getRows() - 1);
            table.setViewTopRow(Math.max(0, lines.size() - visible));
          }
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
