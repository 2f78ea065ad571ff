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

/** Running and recent task runs; {@code s} stops the selected run after a confirmation. */
final class TasksScreen implements ConsoleScreen {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ConsoleContext context;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table =
      new Table<>("Task", "Project", "Template", "Status", "By", "Started");
  private final Label summary = new Label("");
  private List<TaskView> shown = List.of();

  TasksScreen(ConsoleContext context) {
    this.context = context;
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 't';
  }

  @Override
  public String title() {
    return "Tasks";
  }

  @Override
  public String keys() {
    return "s Stop selected";
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
    if (key.getKeyType() != KeyType.Character || key.getCharacter() != 's') {
      return false;
    }
    int row = Rows.selected(table);
    if (row < 0) {
      context.message("No task selected.");
      return true;
    }
    TaskView task = shown.get(row);
    if (!task.running()) {
      context.message("Task #" + task.id() + " has already finished (" + task.status() + ").");
      return true;
    }
    context
        .dialogs()
        .confirm(
            "Stop task",
            "Stop task #" + task.id() + " (" + task.template() + ")?",
            "Stop",
            () ->
                context.perform(
                    "Stopping task #" + task.id(),
                    "Asked Semaphore to stop task #" + task.id() + ".",
                    a -> a.stopTask(task.id())));
    return true;
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<TaskView> tasks = model.tasks();
    List<List<String>> rows =
        tasks.stream()
            .map(t ->
                List.of(
                    "#" + t.id(),
                    Rows.clip(t.project(), 14),
                    Rows.clip(t.template(), 18),
                    t.status(),
                    Rows.clip(t.requestedBy(), 16),
                    t.started().map(WHEN::format).orElse("-")))
            .toList();
    long running = tasks.stream().filter(TaskView::running).count();
    String text =
        tasks.isEmpty()
            ? "No task runs yet."
            : running + " running, " + (tasks.size() - running) + " finished";
    context.ui(() -> {
      shown = tasks;
      Rows.replace(table, rows);
      summary.setText(text);
    });
  }
}
