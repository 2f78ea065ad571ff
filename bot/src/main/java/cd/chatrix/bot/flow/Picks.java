package cd.chatrix.bot.flow;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.text.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Numbered choices: when a command cannot tell which project or template is meant, the bot lists
 * the candidates and the requester answers with a number; the command then goes on as if it had
 * named that one. Only a bare number from the requester is taken, in the command's thread, in reply
 * to the list, or plainly in the room; anything else is handled as usual and the offer stays until
 * it expires. Offers live in memory: a restart forgets them, and the command is simply sent again.
 */
public final class Picks {
  /** Longest list offered; past it the requester narrows the name instead. */
  public static final int MAX_CHOICES = 20;

  private static final Pattern NUMBER = Pattern.compile("#?([0-9]{1,3})[.)]?");

  /** One choice: what the list shows and the command text (without prefix) it stands for. */
  public record Choice(String label, String command) {}

  private record Offer(
      String roomId,
      String requester,
      String commandEventId,
      Optional<String> threadRoot,
      String listEventId,
      List<Choice> choices,
      Instant expiresAt) {}

  /**
   * The command a number stood for, as if {@code message} had sent it; {@code command} is empty
   * when the number was out of range (the requester was told, and nothing runs).
   */
  public record Picked(IncomingMessage message, String command) {}

  private final Services s;
  private final Map<String, Offer> offers = new ConcurrentHashMap<>();

  public Picks(Services services) {
    this.s = services;
  }

  /** Lists {@code choices} under {@code question} and waits for the requester's number. */
  public void offer(CommandContext ctx, Reply question, List<Choice> choices) {
    var list = question.nl();
    var shown = choices.subList(0, Math.min(choices.size(), MAX_CHOICES));
    for (int i = 0; i < shown.size(); i++) {
      list.add((i + 1) + ") ").bold(shown.get(i).label()).nl();
    }
    if (choices.size() > shown.size()) {
      list.add("…and " + (choices.size() - shown.size()) + " more: type more of the name.").nl();
    }
    list.add("Answer with the number.");
    Optional<String> listEvent = ctx.reply(list);
    if (listEvent.isEmpty()) {
      return;
    }
    offers.put(
        key(ctx.room(), ctx.sender()),
        new Offer(
            ctx.room(),
            ctx.sender(),
            ctx.message().eventId(),
            ctx.message().threadRoot(),
            listEvent.get(),
            List.copyOf(shown),
            s.now().plus(s.settings().confirmationTimeout())));
  }

  /** The command a bare number from the requester picks; empty when it is not such an answer. */
  public Optional<Picked> take(IncomingMessage m) {
    Offer offer = offers.get(key(m.roomId(), m.sender()));
    if (offer == null) {
      return Optional.empty();
    }
    if (!offer.expiresAt().isAfter(s.now())) {
      offers.remove(key(m.roomId(), m.sender()), offer);
      return Optional.empty();
    }
    var number = NUMBER.matcher(m.body().strip());
    String thread = offer.threadRoot().orElse(offer.commandEventId());
    boolean here =
        m.threadRoot().map(thread::equals).orElse(true)
            || m.replyTo().map(offer.listEventId()::equals).orElse(false);
    if (!number.matches() || !here) {
      return Optional.empty();
    }
    int n = Integer.parseInt(number.group(1));
    if (n < 1 || n > offer.choices().size()) {
      s.send(
          m.roomId(),
          Reply.text("Pick a number from 1 to " + offer.choices().size() + "."),
          Optional.of(new cd.chatrix.bot.port.Relation.Reply(m.eventId())));
      return Optional.of(none(m));
    }
    if (!offers.remove(key(m.roomId(), m.sender()), offer)) {
      return Optional.empty();
    }
    var asCommand =
        new IncomingMessage(
            offer.roomId(),
            offer.commandEventId(),
            m.sender(),
            m.senderName(),
            offer.choices().get(n - 1).command(),
            m.timestamp(),
            offer.threadRoot(),
            Optional.empty(),
            m.trust());
    return Optional.of(new Picked(asCommand, offer.choices().get(n - 1).command()));
  }

  /** A number out of range was answered: nothing to run, but the message was taken. */
  private static Picked none(IncomingMessage m) {
    return new Picked(m, "");
  }

  private static String key(String room, String user) {
    return room + "\n" + user;
  }
}
