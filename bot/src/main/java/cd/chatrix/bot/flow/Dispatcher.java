package cd.chatrix.bot.flow;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.command.Args;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.Suggest;
import cd.chatrix.bot.command.Tokenizer;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.policy.AccessPolicy;
import cd.chatrix.bot.policy.DeviceTrustRule;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns command text into a handled command: alias expansion, tokenising, lookup with suggestions,
 * the role check, option parsing, and one place where every failure becomes a helpful reply.
 */
public final class Dispatcher {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  /** The command label for words that name no command: keeps the metric's labels bounded. */
  public static final String UNKNOWN = "unknown";

  private final Services s;
  private final TrustGate trust;
  private final Map<String, CommandHandler> handlers = new HashMap<>();

  /** Makes each command's handler once, from the command list in {@code services}. */
  public Dispatcher(
      Services services, Confirmations confirmations, Forms forms, Picks picks, TrustGate trust) {
    this.s = services;
    this.trust = trust;
    var kit = new Command.Kit(services, confirmations, forms, picks);
    for (Command c : services.commands().all()) {
      var handler = c.handler().apply(kit);
      handlers.put(
          c.spec().name(), Objects.requireNonNull(handler, () -> "handler of " + c.spec().name()));
    }
  }

  /** A command as it was handled: its command name ("unknown" when none matched) and outcome. */
  public record Handled(String command, CommandOutcome outcome) {}

  /**
   * Longest command text taken, in chars. Far above any real command (a run with JSON in {@code
   * --args} included), and low enough that nothing quoted back from it can crowd an event.
   */
  public static final int MAX_COMMAND_CHARS = 10_000;

  /** Handles {@code text} (the message without the prefix) from an allowed room. */
  public Handled dispatch(
      IncomingMessage m, String text, BotSettings settings, AccessPolicy policy) {
    if (text.length() > MAX_COMMAND_CHARS) {
      s.post(
          m.roomId(),
          Reply.text(
              "⚠️ That command is "
                  + text.length()
                  + " characters long; I take commands of up to "
                  + MAX_COMMAND_CHARS
                  + " characters. Shorten it and send it again."),
          relation(m));
      return new Handled(UNKNOWN, CommandOutcome.USAGE);
    }
    String expanded = s.aliases().expand(text);
    if (expanded.isEmpty()) {
      expanded = "help";
    }
    List<String> words;
    try {
      words = Tokenizer.split(expanded);
    } catch (UsageException e) {
      s.post(m.roomId(), Reply.text("⚠️ " + e.getMessage()), relation(m));
      return new Handled(UNKNOWN, CommandOutcome.USAGE);
    }
    String word = words.getFirst();
    var spec = s.commands().spec(word);
    if (spec.isEmpty()) {
      unknown(m, word, settings, policy);
      return new Handled(UNKNOWN, CommandOutcome.UNKNOWN);
    }
    if (!policy.may(m.sender(), spec.get())) {
      s.post(
          m.roomId(),
          Reply.text(s.messages().pick("brush_off", Map.of("name", m.senderName())))
              .add(
                  " ("
                      + spec.get().name()
                      + " needs the "
                      + policy.required(spec.get()).name().toLowerCase()
                      + " role.)"),
          relation(m));
      return new Handled(spec.get().name(), CommandOutcome.DENIED);
    }
    String name = spec.get().name();
    List<String> arguments = words.subList(1, words.size());
    if (!DeviceTrustRule.changesNothing(spec.get(), arguments)
        && !trust.allows(
            new TrustGate.Attempt(
                m.roomId(), m.sender(), m.trust(), name, expanded, relation(m)))) {
      return new Handled(name, CommandOutcome.DENIED);
    }
    String raw = Tokenizer.afterWords(expanded, 1);
    CommandContext ctx = null;
    try {
      Args args = Args.parse(words.subList(1, words.size()), spec.get());
      ctx = new CommandContext(m, spec.get(), args, raw, settings, policy, s);
      handlers.get(name).handle(ctx);
      return new Handled(name, CommandOutcome.OK);
    } catch (UsageException e) {
      s.post(m.roomId(), Reply.text("⚠️ " + e.getMessage()), relation(m));
      return new Handled(name, CommandOutcome.USAGE);
    } catch (PortException e) {
      s.post(
          m.roomId(),
          Reply.text("❌ " + e.getMessage())
              .add(" Try again in a moment; ")
              .code(settings.prefix() + " ping")
              .add(" shows whether Semaphore answers."),
          relation(m));
      return new Handled(name, CommandOutcome.PORT_ERROR);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Command " + word + " failed", e);
      s.post(
          m.roomId(),
          Reply.text(
              "❌ Something went wrong on my side with "
                  + Echo.of(word)
                  + "; it is in my log. Nothing else was changed."),
          relation(m));
      return new Handled(name, CommandOutcome.FAILED);
    }
  }

  private void unknown(IncomingMessage m, String word, BotSettings settings, AccessPolicy policy) {
    var names = new ArrayList<String>();
    for (CommandSpec c : s.commands().specs()) {
      if (!c.hidden() && policy.may(m.sender(), c)) {
        names.add(c.name());
      }
    }
    names.addAll(s.aliases().all().keySet());
    var r = Reply.text("I don't know \"" + Echo.of(word) + "\".");
    Suggest.nearest(word, names)
        .ifPresent(n -> r.add(" Did you mean ").code(settings.prefix() + " " + n).add("?"));
    r.add(" ").code(settings.prefix() + " help").add(" lists what you can do.");
    s.post(m.roomId(), r, relation(m));
  }

  private static java.util.Optional<cd.chatrix.bot.port.Relation> relation(IncomingMessage m) {
    return java.util.Optional.of(
        m.threadRoot()
            .<cd.chatrix.bot.port.Relation>map(
                t -> new cd.chatrix.bot.port.Relation.Thread(t, m.eventId()))
            .orElse(new cd.chatrix.bot.port.Relation.Reply(m.eventId())));
  }
}
