package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.flow.Confirmations;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.text.Reply;

/** {@code exit}: shuts the bot down once the asker confirms. */
final class Shutdown {
  static final Command EXIT =
      new Command(
          CommandSpec.of(
              "exit",
              "",
              Role.ADMIN,
              "shut the bot down (asks first)",
              "Graceful shutdown after confirmation."),
          kit -> ctx -> exit(ctx, kit.confirmations()));

  private Shutdown() {}

  private static void exit(CommandContext ctx, Confirmations confirmations) {
    confirmations.ask(
        ctx,
        new PendingAction.Exit(),
        Reply.text("Shut the bot down? It will stop answering until someone restarts it."),
        false);
  }
}
