package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import java.util.Map;

/**
 * {@code pet} and {@code scold}: hidden from help, answered from the message catalog category of
 * the same name.
 */
final class Personality {
  static final Command PET =
      Command.of(
          CommandSpec.of("pet", "", Role.VIEWER, "be nice", "Be nice to the bot.").hide().reads(),
          ctx -> answer(ctx, "pet"));

  static final Command SCOLD =
      Command.of(
          CommandSpec.of("scold", "", Role.VIEWER, "be stern", "Tell the bot off.").hide().reads(),
          ctx -> answer(ctx, "scold"));

  private Personality() {}

  private static void answer(CommandContext ctx, String category) {
    ctx.say(
        ctx.services()
            .messages()
            .pick(
                category,
                Map.of(
                    "name", ctx.message().senderName(), "user_name", ctx.message().senderName())));
  }
}
