package cd.chatrix.app.tui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Running and recent task runs; {@code s} stops the selected run after a confirmation. */
final class TasksScreen extends ListScreen<TaskView> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ConsoleContext context;

  TasksScreen(ConsoleContext context) {
    super(
        't',
        "Tasks",
        "s Stop selected",
        ConsoleModel::tasks,
        "Task",
        "Project",
        "Template",
        "Status",
        "By",
        "Started");
    this.context = context;
    on('s', () -> selected(context, "No task selected.").ifPresent(this::stop));
  }

  @Override
  List<String> row(TaskView t, int width) {
    return List.of(
        "#" + t.id(),
        Rows.clip(t.project(), 14),
        Rows.clip(t.template(), 18),
        t.status(),
        Rows.clip(t.requestedBy(), 16),
        t.started().map(WHEN::format).orElse("-"));
  }

  @Override
  String summary(List<TaskView> tasks) {
    long running = tasks.stream().filter(TaskView::running).count();
    return tasks.isEmpty()
        ? "No task runs yet."
        : running + " running, " + (tasks.size() - running) + " finished";
  }

  private void stop(TaskView task) {
    if (!task.running()) {
      context.message("Task #" + task.id() + " has already finished (" + task.status() + ").");
      return;
    }
    context.confirmThenPerform(
        "Stop task",
        "Stop task #" + task.id() + " (" + task.template() + ")?",
        "Stop",
        "Stopping task #" + task.id(),
        "Asked Semaphore to stop task #" + task.id() + ".",
        a -> a.stopTask(task.id()));
  }
}
