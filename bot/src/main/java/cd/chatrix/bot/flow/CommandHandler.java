package cd.chatrix.bot.flow;

/** Handles one command; throws {@code UsageException} for mistakes the user can fix. */
@FunctionalInterface
public interface CommandHandler {
  void handle(CommandContext ctx);
}
