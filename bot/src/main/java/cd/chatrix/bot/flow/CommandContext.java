package cd.chatrix.bot.flow;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.Args;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.Numbers;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.policy.AccessPolicy;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.text.Reply;
import java.util.Optional;

/**
 * One command being handled: who sent what where, its parsed arguments, and a settings snapshot
 * taken when it arrived (a reload mid-command does not change the rules halfway).
 *
 * @param rawArgs the text after the command word, quotes intact
 */
public record CommandContext(
    IncomingMessage message,
    CommandSpec spec,
    Args args,
    String rawArgs,
    BotSettings settings,
    AccessPolicy policy,
    Services services) {

  public String room() {
    return message.roomId();
  }

  public String sender() {
    return message.sender();
  }

  /** Replies go into the command's thread when it has one, otherwise as a reply to it. */
  public Optional<Relation> relation() {
    return Optional.of(
        message
            .threadRoot()
            .<Relation>map(root -> new Relation.Thread(root, message.eventId()))
            .orElse(new Relation.Reply(message.eventId())));
  }

  /**
   * Sends the reply and waits for its event id: for the few replies the bot refers to later (a
   * prompt people react to). Everything else {@link #say}s.
   */
  public Optional<String> reply(Reply reply) {
    return services.send(room(), reply, relation());
  }

  /** Hands the reply to the room's send queue and moves on (see {@link Services#post}). */
  public void say(Reply reply) {
    services.post(room(), reply, relation());
  }

  public void say(String text) {
    say(Reply.text(text));
  }

  public Optional<String> reply(String text) {
    return reply(Reply.text(text));
  }

  public String greeting() {
    return services.greeting(message.senderName());
  }

  /** Stops the command with a clear refusal unless the sender holds {@code role}. */
  public void require(Role role, String what) {
    if (!policy.roleOf(sender()).atLeast(role)) {
      throw new UsageException(
          "Only " + role.name().toLowerCase() + "s may " + what + ". Ask an admin (!cd admins).");
    }
  }

  public UsageException usage(String problem) {
    return new UsageException(problem + " Syntax: " + spec.usage(settings.prefix()));
  }

  /**
   * {@code typed} as a whole number from {@code min} to {@code max}; otherwise the command stops
   * with what is allowed, e.g. "--tail 99999999999999999999 is too large (max 1000000)".
   */
  public long number(String typed, String what, long min, long max) {
    var problem = Numbers.problem(typed, what, min, max);
    if (problem.isPresent()) {
      throw usage(problem.get() + ".");
    }
    return Long.parseLong(typed.strip());
  }

  public String prefix() {
    return settings.prefix();
  }
}
