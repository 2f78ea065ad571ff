package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@code audit [N]}: the latest state changes, newest first. */
final class Audit {
  static final Command AUDIT =
      Command.of(
          CommandSpec.of(
                  "audit",
                  "[N]",
                  Role.ADMIN,
                  "recent state changes",
                  "The last N (default 10) runs, stops, confirmations and alias changes.")
              .reads(),
          Audit::audit);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Most entries {@code audit N} lists; more would not fit one message anyway. */
  static final int MAX_AUDIT = 999;

  private Audit() {}

  private static void audit(CommandContext ctx) {
    int n = ctx.args().positional(0).map(v -> (int) ctx.number(v, "N", 1, MAX_AUDIT)).orElse(10);
    var entries = ctx.services().stores().audit().recent(n);
    if (entries.isEmpty()) {
      ctx.say("The audit log is empty.");
      return;
    }
    var r = Reply.text("Last " + entries.size() + " audited actions (newest first):").nl();
    for (AuditEntry e : entries) {
      r.add("• " + TIME.format(e.at()) + " ")
          .user(e.user())
          .add(
              " "
                  + e.action()
                  + " "
                  + Echo.of(e.detail(), Echo.LONG)
                  + e.taskId().map(t -> " [task #" + t + "]").orElse("")
                  + " → "
                  + Echo.of(e.outcome(), Echo.LONG))
          .nl();
    }
    ctx.say(r);
  }
}
