package cd.chatrix.bot.command;

/** The user's command cannot be done as typed; the message says what to type instead. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
