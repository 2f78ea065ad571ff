package cd.chatrix.bot.commands;

import cd.chatrix.bot.command.Numbers;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.text.Echo;
import java.util.Optional;

/**
 * Finds the task a command means: none given → this room's latest run; {@code 42} → a run the bot
 * knows, else the project that has it; {@code 3/42} → task 42 of project 3.
 */
final class TaskFinder {
  record Found(TaskRef ref, Optional<MonitoredRun> run) {
    /** The name the bot recorded when it started the run, else Semaphore's, else the id. */
    String templateName(TaskInfo info) {
      return run.map(MonitoredRun::templateName)
          .or(info::templateName)
          .orElse("template " + info.templateId());
    }
  }

  private TaskFinder() {}

  static Found find(CommandContext ctx, Optional<String> arg) {
    var runs = ctx.services().stores().runs();
    Found found;
    if (arg.isEmpty()) {
      var latest = runs.latestInRoom(ctx.room());
      if (latest.isEmpty()) {
        throw ctx.usage("No task has run from this room yet, so give a task id.");
      }
      found = new Found(latest.get().task(), latest);
    } else {
      String a = arg.get().strip();
      if (a.matches("#?[+-]?[0-9]+/#?[+-]?[0-9]+")) {
        String[] p = a.split("/");
        var ref = new TaskRef(Numbers.id(p[0], "Project id"), Numbers.id(p[1].strip(), "Task id"));
        found =
            new Found(
                ref,
                runs.byTask(ref).stream().filter(r -> r.roomId().equals(ctx.room())).findFirst());
      } else if (a.matches("#?[+-]?[0-9]+")) {
        long id = Numbers.id(a, "Task id");
        var known = runs.byTaskId(id);
        found =
            known.map(r -> new Found(r.task(), Optional.of(r))).orElseGet(() -> search(ctx, id));
      } else {
        throw ctx.usage(
            "\"" + Echo.of(arg.get()) + "\" is not a task id (a number like 42, or 3/42).");
      }
    }
    if (!ctx.policy().projectAllowed(ctx.room(), found.ref().projectId())) {
      throw new UsageException(
          "Task #" + found.ref().taskId() + " belongs to a project this room may not use.");
    }
    return found;
  }

  /** Semaphore has no lookup by task id alone, so ask each visible project in turn. */
  private static Found search(CommandContext ctx, long taskId) {
    var runner = ctx.services().runner();
    for (Project p : runner.projects()) {
      if (!ctx.policy().projectAllowed(ctx.room(), p.id())) {
        continue;
      }
      try {
        TaskInfo info = runner.task(new TaskRef(p.id(), taskId));
        return new Found(info.ref(), Optional.empty());
      } catch (PortException e) {
        // Not in this project (Semaphore answers 400); try the next one.
      }
    }
    throw new UsageException("I can't find task #" + taskId + " in any project I can see.");
  }
}
