package cd.chatrix.app.tui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Running and recent task runs; {@code s} stops the selected run after a confirmation. */
final class TasksScreen extends ListScreen<TaskView> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

  TasksScreen(ConsoleContext context) {
    super(context, 't', "Tasks", "Task", "Project", "Template", "Status", "By", "Started");
    on('s', "Stop selected", this::stop);
  }

  private void stop() {
    withSelected(
        "No task selected.",
        task -> {
          if (!task.running()) {
            context.message(
                "Task #" + task.id() + " has already finished (" + task.status() + ").");
            return;
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
        });
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<TaskView> tasks = model.tasks();
    long running = tasks.stream().filter(TaskView::running).count();
    show(
        tasks,
        t ->
            List.of(
                "#" + t.id(),
                Rows.clip(t.project(), 14),
                Rows.clip(t.template(), 18),
                t.status(),
                Rows.clip(t.requestedBy(), 16),
                t.started().map(WHEN::format).orElse("-")),
        tasks.isEmpty()
            ? "No task runs yet."
            : running + " running, " + (tasks.size() - running) + " finished");
  }
}
