package cd.chatrix.bot.port;

/** Lets the bot ask the process to shut down gracefully (the {@code exit} command). */
@FunctionalInterface
public interface LifecyclePort {
  void requestShutdown(String reason);
}
