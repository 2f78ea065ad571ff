package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.Suggest;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;

/**
 * {@code help [command]}: generated from the bot's command list, filtered to what the user may run
 * here.
 */
final class Help {
  static final Command HELP =
      Command.of(
          CommandSpec.of(
                  "help",
                  "[command]",
                  Role.VIEWER,
                  "what you can do here",
                  "Lists the commands you may use in this room, or explains one command.")
              .reads(),
          Help::handle);

  private Help() {}

  private static void handle(CommandContext ctx) {
    var arg = ctx.args().positional(0);
    if (arg.isPresent()) {
      detail(ctx, arg.get());
      return;
    }
    var r = Reply.text(ctx.greeting()).add(" Here is what you can do in this room:").nl();
    for (CommandSpec spec : ctx.services().commands().specs()) {
      if (spec.hidden() || !ctx.policy().may(ctx.sender(), spec)) {
        continue;
      }
      r.add("• ").code(spec.usage(ctx.prefix())).add(" — " + spec.summary()).nl();
    }
    var aliases = ctx.services().aliases().all();
    if (!aliases.isEmpty()) {
      r.add("Shortcuts: " + String.join(", ", aliases.keySet()) + " (see ")
          .code(ctx.prefix() + " aliases")
          .add(")")
          .nl();
    }
    r.add("Details: ").code(ctx.prefix() + " help COMMAND").add(".");
    ctx.say(r);
  }

  private static void detail(CommandContext ctx, String word) {
    var spec = ctx.services().commands().spec(word);
    if (spec.isEmpty()) {
      String target = ctx.services().aliases().all().get(word);
      if (target != null) {
        ctx.say(
            Reply.create()
                .code(word)
                .add(" is a shortcut for ")
                .code(ctx.prefix() + " " + Echo.visible(target))
                .add("."));
        return;
      }
      var names = ctx.services().commands().specs().stream().map(CommandSpec::name).toList();
      String hint = Suggest.nearest(word, names).map(s -> " Did you mean " + s + "?").orElse("");
      ctx.say("There is no command \"" + Echo.of(word) + "\"." + hint);
      return;
    }
    var s = spec.get();
    var r = Reply.create().code(s.usage(ctx.prefix())).nl().add(s.summary() + ". ");
    // Details may hold an example over several lines, written with {prefix} for the command prefix.
    for (String line : s.detail().replace("{prefix}", ctx.prefix()).split("\n")) {
      r.add(line).nl();
    }
    if (!s.synonyms().isEmpty()) {
      r.add("Also: " + String.join(", ", s.synonyms())).nl();
    }
    boolean may = ctx.policy().may(ctx.sender(), s);
    r.add(
        "Needs role "
            + ctx.policy().required(s).name().toLowerCase()
            + (may ? " (you have it)." : " (you don't have it here)."));
    ctx.say(r);
  }
}
