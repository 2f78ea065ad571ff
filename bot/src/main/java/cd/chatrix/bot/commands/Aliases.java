package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.Tokenizer;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.Optional;

/** {@code aliases}: lists the shortcuts; admins add and remove them. */
final class Aliases {
  static final Command ALIASES =
      Command.of(
          CommandSpec.of(
                  "aliases",
                  "[add NAME COMMAND…|remove NAME]",
                  Role.VIEWER,
                  "command shortcuts",
                  "Lists shortcuts; admins add or remove them. Extra words after a shortcut are "
                      + "appended to its command.")
              .asFreeForm()
              .readsWhenBare(),
          Aliases::aliases);

  private Aliases() {}

  private static void aliases(CommandContext ctx) {
    var table = ctx.services().aliases();
    var sub = ctx.args().positional(0).map(String::toLowerCase);
    if (sub.isEmpty() || sub.get().equals("list")) {
      var all = table.all();
      if (all.isEmpty()) {
        ctx.say(
            Reply.text("No shortcuts yet. Admins add them with ")
                .code(ctx.prefix() + " aliases add NAME COMMAND…")
                .add("."));
        return;
      }
      var r = Reply.text("Shortcuts:").nl();
      // Targets are shown whole (at most AliasTable's limit) but with controls made visible.
      all.forEach((k, v) -> r.add("• ").bold(k).add(" → ").code(Echo.visible(v)).nl());
      ctx.say(r);
      return;
    }
    switch (sub.get()) {
      case "add" -> {
        ctx.require(Role.ADMIN, "add shortcuts");
        var name = ctx.args().positional(1);
        String command = Tokenizer.afterWords(ctx.rawArgs(), 2);
        if (name.isEmpty() || command.isBlank()) {
          throw ctx.usage(
              "Give a name and the command it stands for, e.g. aliases add deploy-prod run 1 5.");
        }
        table.add(name.get(), command, ctx.prefix());
        ctx.services()
            .audit(
                ctx.sender(),
                ctx.room(),
                "alias add",
                name.get() + " → " + command,
                Optional.empty(),
                "saved");
        ctx.say(
            Reply.text("Saved: ")
                .bold(name.get())
                .add(" → ")
                .code(Echo.visible(table.all().get(name.get()))));
      }
      case "remove", "rm", "delete" -> {
        ctx.require(Role.ADMIN, "remove shortcuts");
        var name = ctx.args().positional(1).orElseThrow(() -> ctx.usage("Which shortcut?"));
        boolean removed = table.remove(name);
        ctx.services()
            .audit(
                ctx.sender(),
                ctx.room(),
                "alias remove",
                name,
                Optional.empty(),
                removed ? "removed" : "not found");
        ctx.say(
            removed
                ? Reply.text("Removed ").bold(name).add(".")
                : Reply.text("There is no shortcut called ").bold(Echo.of(name)).add("."));
      }
      default ->
          throw ctx.usage("Unknown action \"" + Echo.of(sub.get()) + "\": use add or remove.");
    }
  }
}
