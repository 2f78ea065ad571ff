package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.flow.Confirmations;
import cd.chatrix.bot.flow.StatusView;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.text.Durations;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code status}, {@code stop}, {@code confirm}, {@code reject} and {@code approve}. */
final class Tasks {
  static final Command STATUS =
      Command.of(
          CommandSpec.of(
                  "status",
                  "[task]",
                  Role.VIEWER,
                  "state of a task",
                  "Without a task id, the last task of this room.")
              .reads(),
          Tasks::status);

  static final Command STOP =
      new Command(
          CommandSpec.of(
                  "stop",
                  "[task] [--force]",
                  Role.OPERATOR,
                  "stop a task (asks first)",
                  "Without a task id, the last task of this room.")
              .options(Set.of(), Set.of("force")),
          kit -> ctx -> stop(ctx, kit.confirmations()));

  static final Command CONFIRM =
      answering(
          "confirm",
          "let a waiting task go on",
          "For tasks waiting for confirmation in Semaphore, e.g. after a Terraform plan.",
          true);

  static final Command REJECT =
      answering(
          "reject",
          "refuse a waiting task",
          "Refuses a task waiting for confirmation in Semaphore.",
          false);

  static final Command APPROVE =
      new Command(
          CommandSpec.of(
              "approve",
              "",
              Role.OPERATOR,
              "approve someone else's run",
              "Runs of some templates need a second person; this approves the oldest one here. "
                  + "A 👍 on the request works too."),
          kit -> kit.confirmations()::approveCommand);

  private Tasks() {}

  private static void status(CommandContext ctx) {
    var found = TaskFinder.find(ctx, ctx.args().positional(0));
    TaskInfo info = ctx.services().runner().task(found.ref());
    var r = Reply.text(StatusView.emoji(info.state()) + " Task #" + info.ref().taskId());
    String name = found.templateName(info);
    r.add(" (")
        .bold(name)
        .add("): ")
        .color(StatusView.color(info.state()), StatusView.label(info.state()))
        .nl();
    found.run().flatMap(run -> run.requester()).ifPresent(u -> r.add("Asked by ").user(u).nl());
    found.run().flatMap(run -> run.approver()).ifPresent(u -> r.add("Approved by ").user(u).nl());
    if (found.run().flatMap(run -> run.requester()).isEmpty()) {
      info.startedBy().ifPresent(u -> r.add("Started by " + u + " in Semaphore").nl());
    }
    info.start()
        .ifPresent(start -> {
          var end = info.end().orElse(ctx.services().now());
          r.add(
                  (info.state().terminal() ? "Took " : "Running for ")
                      + Durations.human(Duration.between(start, end)))
              .nl();
        });
    if (info.start().isEmpty()) {
      r.add("Not started yet").nl();
    }
    String url = ctx.settings().taskUrl(info.ref().projectId(), info.ref().taskId());
    r.link(url, "Open in Semaphore");
    ctx.say(r);
  }

  private static void stop(CommandContext ctx, Confirmations confirmations) {
    var found = TaskFinder.find(ctx, ctx.args().positional(0));
    TaskInfo info = ctx.services().runner().task(found.ref());
    if (info.state().terminal()) {
      ctx.say(
          "Task #"
              + info.ref().taskId()
              + " has already ended ("
              + StatusView.label(info.state())
              + "); nothing to stop.");
      return;
    }
    boolean force = ctx.args().flag("force");
    String name = found.templateName(info);
    var prompt =
        Reply.text((force ? "Force-stop" : "Stop") + " task #" + info.ref().taskId() + " (")
            .bold(name)
            .add(", now " + StatusView.label(info.state()) + ")?");
    confirmations.ask(ctx, new PendingAction.Stop(found.ref(), force), prompt, false);
  }

  /** {@code confirm} and {@code reject}: one answer to a task Semaphore holds for confirmation. */
  private static Command answering(String name, String summary, String help, boolean go) {
    return Command.of(
        CommandSpec.of(name, "[task]", Role.OPERATOR, summary, help),
        ctx -> answerWaiting(ctx, go));
  }

  private static void answerWaiting(CommandContext ctx, boolean go) {
    var found = TaskFinder.find(ctx, ctx.args().positional(0));
    var runner = ctx.services().runner();
    TaskInfo info = runner.task(found.ref());
    long id = info.ref().taskId();
    String action = go ? "confirm" : "reject";
    if (info.state() != TaskState.WAITING_CONFIRMATION) {
      ctx.say(
          "Task #"
              + id
              + " is "
              + StatusView.label(info.state())
              + ", not waiting for confirmation, so there is nothing to "
              + action
              + ".");
      return;
    }
    try {
      if (go) {
        runner.confirm(info.ref());
      } else {
        runner.reject(info.ref());
      }
    } catch (PortException e) {
      auditAnswer(ctx, action, id, "failed: " + e.getMessage());
      throw e;
    }
    auditAnswer(ctx, action, id, go ? "confirmed" : "rejected");
    ctx.say(
        go
            ? "✅ Task #" + id + " may go on."
            : "🚫 Task #" + id + " was refused and will not go on.");
  }

  private static void auditAnswer(CommandContext ctx, String action, long id, String outcome) {
    ctx.services().audit(ctx.sender(), ctx.room(), action, "task #" + id, Optional.of(id), outcome);
  }
}
