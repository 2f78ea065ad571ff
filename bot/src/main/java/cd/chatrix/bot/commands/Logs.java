package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Budget;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.LogFormatter;
import cd.chatrix.bot.text.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code logs [task] [--tail N]} and {@code log on|off}. */
final class Logs {
  static final Command LOGS =
      Command.of(
          CommandSpec.of(
                  "logs",
                  "[task] [--tail N]",
                  Role.VIEWER,
                  "output of a task",
                  "Shows the end of the output; when it is too long for chat the whole log comes "
                      + "as a file.")
              .options(Set.of("tail"), Set.of())
              .reads(),
          Logs::logs);

  static final Command LOG =
      Command.of(
          CommandSpec.of(
                  "log",
                  "on|off",
                  Role.OPERATOR,
                  "stream run output into threads",
                  "With log on, each run's output appears in its thread as it happens.")
              .readsWhenBare(),
          Logs::log);

  private static final int HEADER_ROOM = 600;

  /** Far more lines than chat could show; the full log comes as a file anyway. */
  static final int MAX_TAIL = 1_000_000;

  private Logs() {}

  private static void logs(CommandContext ctx) {
    var found = TaskFinder.find(ctx, ctx.args().positional(0));
    int tail =
        ctx.args()
            .option("tail")
            .map(v -> (int) ctx.number(v, "--tail", 1, MAX_TAIL))
            .orElse(Integer.MAX_VALUE);
    var s = ctx.services();
    List<String> all = LogFormatter.lines(s.runner().output(found.ref(), 0).lines());
    long id = found.ref().taskId();
    if (all.isEmpty() || all.stream().allMatch(String::isBlank)) {
      ctx.say("Task #" + id + " has no output yet.");
      return;
    }
    List<String> wanted = all.subList(Math.max(0, all.size() - tail), all.size());
    int budget = Budget.forRoom(s, ctx.room()) - HEADER_ROOM;
    var log = LogFormatter.tail(wanted, budget);
    var r = Reply.text("📜 Output of task #" + id);
    if (log.truncated()) {
      r.add(
          " — last " + log.shown() + " of " + wanted.size() + " lines; the full log is attached.");
    } else if (wanted.size() < all.size()) {
      r.add(" — last " + wanted.size() + " of " + all.size() + " lines");
    }
    r.pre(log.plain(), log.html());
    ctx.say(r);
    if (log.truncated()) {
      byte[] text = LogFormatter.plainText(wanted).getBytes(StandardCharsets.UTF_8);
      try {
        s.chat()
            .sendFile(
                ctx.room(),
                new FileAttachment(
                    "task-" + id + ".log", "text/plain", text, "Full output of task #" + id),
                ctx.relation());
      } catch (PortException e) {
        ctx.say("The full log could not be attached: " + e.getMessage());
      }
    }
  }

  private static void log(CommandContext ctx) {
    var arg = ctx.args().positional(0).map(String::toLowerCase);
    var rooms = ctx.services().stores().rooms();
    var current = rooms.get(ctx.room());
    if (arg.isEmpty() || !(arg.get().equals("on") || arg.get().equals("off"))) {
      if (arg.isPresent() && arg.get().matches("#?\\d+(/\\d+)?")) {
        throw ctx.usage(
            "To see a task's output use " + ctx.prefix() + " logs " + Echo.of(arg.get()) + ".");
      }
      throw ctx.usage(
          "Say on or off (streaming is " + (current.logStreaming() ? "on" : "off") + " here).");
    }
    boolean on = arg.get().equals("on");
    rooms.put(current.withLogStreaming(on));
    ctx.services()
        .audit(
            ctx.sender(),
            ctx.room(),
            "log",
            on ? "streaming on" : "streaming off",
            Optional.empty(),
            "done");
    ctx.say(
        on
            ? "📜 Output of runs will now stream into each run's thread here."
            : "Streaming is off; " + ctx.prefix() + " logs still shows output on demand.");
  }
}
