package cd.chatrix.bot.flow;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.bot.Role;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Questions the bot asks before acting. Only a clear yes or no from the requester (text or
 * reaction) is taken as an answer; every other message goes on to be handled normally. Answers are
 * taken by removing the confirmation from the store first, so a double answer or a restart never
 * acts twice. A yes that starts a run claims it instead: the claim stays in the store until
 * Semaphore has answered, so a start cut off by a stop of the bot is settled by the next one
 * ({@link CutStarts}) rather than lost.
 */
public final class Confirmations {
  private static final System.Logger LOG = System.getLogger(Confirmations.class.getName());
  static final Set<String> YES =
      Set.of(
          "y", "yes", "yep", "yeah", "ok", "okay", "go", "sure", "confirm", "do it", "👍", "✅", "✔",
          "✓", "☑", "🆗");

  /** Longer messages are never an answer, whatever they hold (emoji modifiers, dots, spaces). */
  private static final int LONGEST_ANSWER = 64;

  static final Set<String> NO =
      Set.of("n", "no", "nope", "nah", "cancel", "abort", "don't", "👎", "❌", "✖", "⛔", "🚫");

  /** What to do once a confirmation is accepted. */
  @FunctionalInterface
  public interface Executor {
    void execute(PendingConfirmation confirmation, Optional<String> approver);
  }

  private final Services s;
  private final Executor executor;
  private final TrustGate trust;

  /** Starts this bot claimed and is seeing through itself; {@link CutStarts} leaves them alone. */
  private final Set<String> ownClaims = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Answers from untrusted devices are refused by a gate of its own. */
  public Confirmations(Services services, Executor executor) {
    this(services, executor, new TrustGate(services));
  }

  /** Answers from devices {@code trust} refuses are refused, not taken. */
  public Confirmations(Services services, Executor executor, TrustGate trust) {
    this.s = services;
    this.executor = executor;
    this.trust = trust;
  }

  /**
   * Posts {@code prompt} with how to answer, and remembers the question; returns its id, empty when
   * the prompt could not be posted.
   */
  public Optional<String> ask(
      CommandContext ctx, PendingAction action, Reply prompt, boolean needsApproval) {
    var timeout = ctx.settings().confirmationTimeout();
    prompt
        .nl()
        .add("React 👍 to go ahead or 👎 to cancel, or answer yes / no. ")
        .add("(expires in " + cd.chatrix.bot.text.Durations.human(timeout) + ")");
    if (needsApproval) {
      prompt.nl().add("This template also needs approval by a second operator after you confirm.");
    }
    Optional<String> eventId = ctx.reply(prompt);
    if (eventId.isEmpty()) {
      return Optional.empty();
    }
    Instant now = s.now();
    var pc =
        new PendingConfirmation(
            UUID.randomUUID().toString(),
            ctx.room(),
            ctx.sender(),
            ctx.message().eventId(),
            eventId.get(),
            action,
            now,
            now.plus(timeout),
            needsApproval,
            false,
            ctx.message().threadRoot());
    s.stores().confirmations().save(pc);
    try {
      s.chat().react(ctx.room(), eventId.get(), "👍");
      s.chat().react(ctx.room(), eventId.get(), "👎");
    } catch (PortException e) {
      LOG.log(System.Logger.Level.DEBUG, "Could not add answer reactions: {0}", e.getMessage());
    }
    return Optional.of(pc.id());
  }

  /** Takes the message as an answer if it is a yes/no from someone being asked; else false. */
  public boolean onText(IncomingMessage m) {
    String word = normalise(m.body());
    boolean yes = YES.contains(word);
    boolean no = NO.contains(word);
    if (!yes && !no) {
      return false;
    }
    var candidates =
        s.stores().confirmations().all().stream()
            .filter(c -> c.roomId().equals(m.roomId()) && c.requester().equals(m.sender()))
            .filter(c -> !c.awaitingApprover())
            .filter(c -> c.expiresAt().isAfter(s.now()))
            .toList();
    if (candidates.isEmpty()) {
      return false;
    }
    // An answer in reply to (or in the thread of) a prompt picks that one; otherwise the newest.
    Optional<String> target = m.replyTo().or(m::threadRoot);
    PendingConfirmation pc =
        target
            .flatMap(t ->
                candidates.stream()
                    .filter(c -> c.promptEventId().equals(t) || c.commandEventId().equals(t))
                    .findFirst())
            .orElse(
                candidates.stream()
                    .max(Comparator.comparing(PendingConfirmation::createdAt))
                    .get());
    if (trusted(pc, m.sender(), m.trust(), yes, Optional.of(new Relation.Reply(m.eventId())))) {
      answer(pc, m.sender(), yes);
    }
    return true;
  }

  /** Handles a reaction on a prompt; false when it is not about any pending confirmation. */
  public boolean onReaction(IncomingReaction r) {
    var found = s.stores().confirmations().byPrompt(r.roomId(), r.targetEventId());
    if (found.isEmpty()) {
      return false;
    }
    String key = normalise(r.key());
    boolean yes = YES.contains(key);
    boolean no = NO.contains(key);
    if (!yes && !no) {
      return true;
    }
    PendingConfirmation pc = found.get();
    boolean asked = pc.awaitingApprover() || r.sender().equals(pc.requester());
    if (asked
        && !trusted(pc, r.sender(), r.trust(), yes, Optional.of(new Relation.Reply(r.eventId())))) {
      return true;
    }
    if (pc.awaitingApprover()) {
      approveOrDeny(pc, r.sender(), yes);
    } else if (r.sender().equals(pc.requester())) {
      answer(pc, r.sender(), yes);
    } else {
      s.send(
          r.roomId(),
          Reply.create()
              .add("Only ")
              .user(pc.requester())
              .add(
                  " can answer this one; "
                      + (pc.needsApproval()
                          ? "you can approve once they confirmed."
                          : "ask them, or start your own.")),
          Optional.of(new Relation.Reply(pc.promptEventId())));
    }
    return true;
  }

  /** Whether the answering device may decide; a refusal is answered, audited and logged. */
  private boolean trusted(
      PendingConfirmation pc,
      String user,
      cd.chatrix.bot.SenderTrust sender,
      boolean yes,
      Optional<Relation> relation) {
    String action = pc.awaitingApprover() ? "approve" : kind(pc.action());
    return trust.allows(
        new TrustGate.Attempt(
            pc.roomId(),
            user,
            sender,
            action,
            (yes ? "yes to " : "no to ") + describe(pc.action()),
            relation));
  }

  /** {@code approve}: the oldest run in this room waiting for a second person. */
  public void approveCommand(CommandContext ctx) {
    var waiting =
        s.stores().confirmations().all().stream()
            .filter(c -> c.roomId().equals(ctx.room()) && c.awaitingApprover())
            .findFirst();
    if (waiting.isEmpty()) {
      ctx.reply("Nothing here is waiting for approval.");
      return;
    }
    approveOrDeny(waiting.get(), ctx.sender(), true);
  }

  private void approveOrDeny(PendingConfirmation pc, String user, boolean yes) {
    var reply = Optional.<Relation>of(new Relation.Reply(pc.promptEventId()));
    if (user.equals(pc.requester())) {
      s.send(
          pc.roomId(),
          Reply.text("You asked for this run, so someone else has to approve it."),
          reply);
      return;
    }
    var policy = s.policy();
    if (!policy.roomAllowed(pc.roomId()) || !policy.roleOf(user).atLeast(Role.OPERATOR)) {
      s.send(pc.roomId(), Reply.create().user(user).add(" may not approve runs here."), reply);
      return;
    }
    if (!take(pc, yes, Optional.of(user))) {
      return;
    }
    if (yes) {
      s.edit(
          pc.roomId(),
          pc.promptEventId(),
          Reply.create().add("✅ Approved by ").user(user).add(". " + startLine(pc)),
          Optional.empty());
      s.audit(user, pc.roomId(), "approve", describe(pc.action()), Optional.empty(), "approved");
      s.observer().approvalDecided(true);
      act(pc, Optional.of(user));
    } else {
      s.edit(
          pc.roomId(),
          pc.promptEventId(),
          Reply.create().add("🚫 Declined by ").user(user).add("."),
          Optional.empty());
      s.audit(user, pc.roomId(), "approve", describe(pc.action()), Optional.empty(), "declined");
      s.observer().approvalDecided(false);
      s.send(
          pc.roomId(),
          Reply.create()
              .mention(pc.requester(), pc.requester())
              .add(": ")
              .user(user)
              .add(" declined the run; nothing was started."),
          relationFor(pc));
    }
  }

  private void answer(PendingConfirmation pc, String user, boolean yes) {
    if (!take(pc, yes, Optional.empty())) {
      return;
    }
    if (!yes) {
      s.edit(
          pc.roomId(),
          pc.promptEventId(),
          Reply.text("🚫 Cancelled: " + shown(pc.action())),
          Optional.empty());
      s.send(pc.roomId(), Reply.text(s.messages().pick("cancel")), relationFor(pc));
      auditAction(user, pc, "cancelled by requester");
      return;
    }
    if (secretsLost(pc)) {
      s.edit(
          pc.roomId(),
          pc.promptEventId(),
          Reply.text("⚠️ Not started: " + shown(pc.action())),
          Optional.empty());
      settle(pc);
      return;
    }
    if (pc.needsApproval()) {
      var next = pc.confirmedByRequester(s.now().plus(s.settings().confirmationTimeout()));
      s.stores().confirmations().save(next);
      s.send(
          pc.roomId(),
          Reply.text(
                  "Thanks. Now a second operator needs to approve: react 👍 on the request above or type ")
              .code(s.settings().prefix() + " approve")
              .add("."),
          Optional.of(new Relation.Reply(pc.promptEventId())));
      return;
    }
    s.edit(
        pc.roomId(),
        pc.promptEventId(),
        Reply.text(
            "✅ "
                + (pc.action() instanceof PendingAction.Run
                    ? startLine(pc)
                    : "Confirmed: " + shown(pc.action()))),
        Optional.empty());
    act(pc, Optional.empty());
  }

  /**
   * Takes the answered confirmation so that only this caller acts on it: a yes that starts a run
   * now claims it (kept until {@link #settle}), anything else removes it.
   */
  private boolean take(PendingConfirmation pc, boolean yes, Optional<String> approver) {
    boolean startsNow =
        yes
            && pc.action() instanceof PendingAction.Run
            && (!pc.needsApproval() || pc.awaitingApprover());
    if (!startsNow) {
      return s.stores().confirmations().remove(pc.id());
    }
    ownClaims.add(pc.id());
    if (s.stores().confirmations().claimStart(pc.id(), approver, s.now())) {
      return true;
    }
    ownClaims.remove(pc.id());
    return false;
  }

  /** Does what was confirmed, if still allowed, and settles the claim once Semaphore answered. */
  void act(PendingConfirmation pc, Optional<String> approver) {
    if (stillPermitted(pc)) {
      executor.execute(pc, approver);
    }
    settle(pc);
  }

  /** The claim is done with; a no-op for confirmations that were removed rather than claimed. */
  private void settle(PendingConfirmation pc) {
    if (ownClaims.remove(pc.id())) {
      s.stores().confirmations().settleStart(pc.id());
    }
  }

  /** Sees through a start another bot claimed and never settled ({@link CutStarts}). */
  void resume(PendingConfirmation pc, Optional<String> approver) {
    ownClaims.add(pc.id());
    act(pc, approver);
  }

  /** Whether this bot claimed the start itself (and is seeing it through). */
  boolean claimedHere(String confirmationId) {
    return ownClaims.contains(confirmationId);
  }

  /** Audits what became of the confirmation's own action, on behalf of {@code user}. */
  private void auditAction(String user, PendingConfirmation pc, String outcome) {
    s.audit(
        user, pc.roomId(), kind(pc.action()), describe(pc.action()), taskOf(pc.action()), outcome);
  }

  /**
   * Settings may have been reloaded while the question was open (or across a restart): the
   * requester must still be allowed to do it, here, at the moment it happens.
   */
  private boolean stillPermitted(PendingConfirmation pc) {
    if (secretsLost(pc)) {
      return false;
    }
    var policy = s.policy();
    var spec = s.commands().spec(kind(pc.action())).orElseThrow();
    boolean ok = policy.roomAllowed(pc.roomId()) && policy.may(pc.requester(), spec);
    if (ok && pc.action() instanceof PendingAction.Run run) {
      ok = policy.templateAllowed(pc.roomId(), run.projectId(), run.request().templateId());
    }
    if (!ok) {
      s.send(
          pc.roomId(),
          Reply.text(
              "Not done: the access rules changed since you asked, and they no longer allow this."),
          relationFor(pc));
      auditAction(pc.requester(), pc, "refused: no longer permitted");
    }
    return ok;
  }

  /**
   * Secret values are never written to the store, so a run that waited across a restart has lost
   * them: it is dropped with a note rather than started without them.
   */
  private boolean secretsLost(PendingConfirmation pc) {
    if (pc.action() instanceof PendingAction.Run run
        && !run.request().secrets().forgotten().isEmpty()) {
      // Secret values are never written to the store, so a restart loses them.
      s.send(
          pc.roomId(),
          Reply.text(
              "Not started: I restarted while this run waited, and I never keep secret values"
                  + " across a restart ("
                  + String.join(
                      ", ", run.request().secrets().forgotten().stream().sorted().toList())
                  + "). Start it again with the secret given once more."),
          relationFor(pc));
      auditAction(pc.requester(), pc, "refused: secret value not kept across a restart");
      return true;
    }
    return false;
  }

  /** Drops every confirmation past its expiry, once, with a note in the room. */
  public void expire(Instant now) {
    for (PendingConfirmation pc : s.stores().confirmations().all()) {
      if (pc.expiresAt().isAfter(now) || !s.stores().confirmations().remove(pc.id())) {
        continue;
      }
      s.edit(
          pc.roomId(),
          pc.promptEventId(),
          Reply.text("⌛ Expired: " + shown(pc.action())),
          Optional.empty());
      s.send(
          pc.roomId(),
          Reply.create()
              .mention(pc.requester(), pc.requester())
              .add(": " + s.messages().pick("timeout", java.util.Map.of("name", pc.requester()))),
          relationFor(pc));
      auditAction(pc.requester(), pc, "expired");
      s.observer().confirmationExpired();
    }
  }

  /** The catalog's {@code task_start} line for a run, or a plain description for other actions. */
  String startLine(PendingConfirmation pc) {
    if (!(pc.action() instanceof PendingAction.Run run)) {
      return shown(pc.action());
    }
    return s.messages()
        .pick(
            "task_start",
            java.util.Map.of(
                "task_name", run.templateName(),
                "template", run.templateName(),
                "project", run.projectName(),
                "name", pc.requester(),
                "user_name", pc.requester()));
  }

  static Optional<Relation> relationFor(PendingConfirmation pc) {
    return Optional.of(
        pc.threadRoot()
            .<Relation>map(t -> new Relation.Thread(t, pc.commandEventId()))
            .orElse(new Relation.Reply(pc.commandEventId())));
  }

  /** {@link #describe} for chat: the options a user typed are each cut to a readable length. */
  static String shown(PendingAction a) {
    if (a instanceof PendingAction.Run r) {
      String opts = shownOptions(r.request());
      return "run "
          + r.templateName()
          + " ("
          + r.projectName()
          + ")"
          + (opts.isEmpty() ? "" : " with " + opts);
    }
    return describe(a);
  }

  /** The options of a run as prompts show them: each one cut to a readable length. */
  public static String shownOptions(TaskRequest request) {
    return String.join(
        " · ", request.optionParts().stream().map(p -> Echo.of(p, Echo.LONG)).toList());
  }

  /** The action in full, as the audit log keeps it. */
  static String describe(PendingAction a) {
    return switch (a) {
      case PendingAction.Run r ->
          "run "
              + r.templateName()
              + " ("
              + r.projectName()
              + ")"
              + (r.request().describeOptions().isEmpty()
                  ? ""
                  : " with " + r.request().describeOptions());
      case PendingAction.Stop st ->
          (st.force() ? "force-stop" : "stop") + " task #" + st.task().taskId();
      case PendingAction.Exit e -> "shut the bot down";
    };
  }

  static String kind(PendingAction a) {
    return switch (a) {
      case PendingAction.Run r -> "run";
      case PendingAction.Stop st -> "stop";
      case PendingAction.Exit e -> "exit";
    };
  }

  static Optional<Long> taskOf(PendingAction a) {
    return a instanceof PendingAction.Stop st ? Optional.of(st.task().taskId()) : Optional.empty();
  }

  /**
   * Emoji variation selectors and skin tones, so that 👍🏽 and 👍️ read as 👍. Compiled once: every
   * message in a room goes through {@link #normalise} on its way to the command.
   */
  private static final Pattern EMOJI_VARIANTS =
      Pattern.compile("[\\x{FE00}-\\x{FE0F}\\x{1F3FB}-\\x{1F3FF}]");

  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.!]+$");

  static String normalise(String text) {
    if (text.length() > LONGEST_ANSWER) {
      // No answer is this long; a 40 KB message need not go through the regexes below.
      return "";
    }
    String t = EMOJI_VARIANTS.matcher(text.strip()).replaceAll("").toLowerCase(Locale.ROOT);
    return TRAILING_PUNCTUATION.matcher(t).replaceAll("").strip();
  }
}
