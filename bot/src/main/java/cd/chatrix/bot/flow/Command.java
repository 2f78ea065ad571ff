package cd.chatrix.bot.flow;

import cd.chatrix.bot.command.CommandSpec;
import java.util.Objects;
import java.util.function.Function;

/**
 * One command: what users see of it ({@link CommandSpec}: name, syntax, role, help) and what it
 * does. The handler is made once per bot from the {@link Kit}, so a command may keep state of its
 * own (the verifications it follows, say).
 */
public record Command(CommandSpec spec, Function<Kit, CommandHandler> handler) {
  public Command {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(handler, () -> "handler of " + spec.name());
  }

  /** A command whose handler needs nothing beyond its {@link CommandContext}. */
  public static Command of(CommandSpec spec, CommandHandler handler) {
    Objects.requireNonNull(handler, () -> "handler of " + spec.name());
    return new Command(spec, kit -> handler);
  }

  /** What a handler may be built with: the bot's shared parts and its open questions. */
  public record Kit(Services services, Confirmations confirmations, Forms forms, Picks picks) {}
}
