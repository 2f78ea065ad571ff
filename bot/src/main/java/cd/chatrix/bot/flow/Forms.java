package cd.chatrix.bot.flow;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.command.Args;
import cd.chatrix.bot.command.SurveyInput;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.store.PendingConfirmation;
import cd.chatrix.bot.store.PendingForm;
import cd.chatrix.bot.text.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Guided runs: the bot asks, in the run's thread, for the survey variables a run still lacks, the
 * way Semaphore's run form does. Required ones come first, one question at a time, or all at once
 * as {@code name=value} lines; once only optional ones are left the confirmation is posted, and
 * each further answer (or {@code skip}) posts it again with the new value, until a 👍 or yes.
 *
 * <p>Only the requester's messages in the thread are answers, and never a command: everything else
 * goes on to be handled as usual. A form expires like a confirmation and lives in the store, so a
 * restart resumes it; secret answers are never stored, so after a restart they are asked again.
 *
 * <p>Longer than most classes here: it is one conversation (open, answer, advance, expire, resume),
 * and each step changes the same stored form; the wording lives in {@link FormTexts}, the value
 * checks in {@link cd.chatrix.bot.command.SurveyInput}, the prompt in {@link RunPrompt}.
 */
public final class Forms {
  private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+)\\s*=(.*)");
  private static final Set<String> SKIP = Set.of("skip", "-", "none");
  private static final Set<String> CANCEL = Set.of("cancel", "abort", "stop");

  private final Services s;
  private final Confirmations confirmations;
  private final TrustGate trust;
  private final FormsPrivately privately;
  private final Map<String, Object> requesters = new java.util.concurrent.ConcurrentHashMap<>();

  public Forms(Services services, Confirmations confirmations, TrustGate trust) {
    this.s = services;
    this.confirmations = confirmations;
    this.trust = trust;
    this.privately = new FormsPrivately(services);
  }

  /** The survey variables {@code request} does not answer yet, in the template's order. */
  public static List<SurveyVar> open(List<SurveyVar> vars, TaskRequest request) {
    return vars.stream().filter(v -> !answered(v, request)).toList();
  }

  private static boolean answered(SurveyVar v, TaskRequest r) {
    return r.environment().containsKey(v.name()) || r.secrets().values().containsKey(v.name());
  }

  /** Whether the run cannot go without an answer: required, and no default to fall back on. */
  private static boolean mustAsk(SurveyVar v) {
    return v.required() && v.defaultValue().isEmpty();
  }

  /** Opens the form for a run whose survey is not fully answered, and asks the first question. */
  public void start(
      CommandContext ctx,
      Project project,
      Template template,
      TaskRequest request,
      boolean approval) {
    Instant now = s.now();
    var form =
        new PendingForm(
            UUID.randomUUID().toString(),
            ctx.room(),
            ctx.sender(),
            ctx.message().eventId(),
            ctx.message().threadRoot().orElse(ctx.message().eventId()),
            project.id(),
            project.name(),
            template.name(),
            request,
            template.surveyVars(),
            Set.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            approval,
            now,
            now.plus(s.settings().confirmationTimeout()));
    var open = open(form.vars(), request);
    var intro =
        Reply.text("📝 ")
            .bold(template.name())
            .add(" (" + project.name() + ") takes " + open.size() + " more value")
            .add(open.size() == 1 ? "" : "s")
            .add(". Answer here in this thread, one at a time as I ask, or all at once with one ")
            .code("name=value")
            .add(" per line. ")
            .code("cancel")
            .add(" stops.")
            .nl();
    if (!template.description().isBlank()) {
      intro.add(template.description().replace("¶", " ").strip()).nl();
    }
    for (SurveyVar v : open) {
      intro.add("• ").add(FormTexts.summary(v)).nl();
    }
    if (!request.secrets().values().isEmpty()) {
      intro.add("Your command held a secret value, so I am removing it from the room.");
    }
    send(form, intro);
    advance(form);
  }

  /**
   * Takes the message as an answer when it is the requester's, in a form's thread, or in the
   * private room where a form asks for a secret; else false.
   */
  public boolean onText(IncomingMessage m) {
    if (isCommand(m.body())) {
      return false;
    }
    // A form's answers come from two rooms (its thread, the private room), whose messages are
    // handled side by side: one requester's answers are taken one after the other, each seeing the
    // form as the one before left it.
    synchronized (requesters.computeIfAbsent(m.sender(), k -> new Object())) {
      return answer(m);
    }
  }

  private boolean answer(IncomingMessage m) {
    Optional<PendingForm> found =
        m.threadRoot()
            .flatMap(root ->
                s.stores().forms().all().stream()
                    .filter(f -> f.roomId().equals(m.roomId()) && f.requester().equals(m.sender()))
                    .filter(f -> f.threadRoot().equals(root))
                    .max(Comparator.comparing(PendingForm::createdAt)));
    boolean inPrivate = false;
    if (found.isEmpty() && m.threadRoot().isEmpty()) {
      switch (privately.find(m, askingSecret(m))) {
        case FormsPrivately.Found.Answer a -> {
          found = Optional.of(a.form());
          inPrivate = true;
        }
        case FormsPrivately.Found.Unclear u -> {
          privately.unclear(m, u.forms());
          return true;
        }
        case FormsPrivately.Found.Late l -> {
          privately.late(m);
          return true;
        }
        case FormsPrivately.Found.Nothing n -> {}
      }
    }
    if (found.isEmpty() || !found.get().expiresAt().isAfter(s.now())) {
      return false;
    }
    PendingForm form = found.get();
    if (form.confirmationId().isPresent()) {
      if (confirmation(form).isEmpty()) {
        // Answered or expired since: the form has nothing left to do.
        s.stores().forms().remove(form.id());
        return false;
      }
      String word = Confirmations.normalise(m.body());
      if (Confirmations.YES.contains(word) || Confirmations.NO.contains(word)) {
        return false;
      }
    }
    if (!trust.allows(
        new TrustGate.Attempt(
            m.roomId(),
            m.sender(),
            m.trust(),
            "run",
            "answer for " + what(form),
            inPrivate
                ? Optional.empty()
                : Optional.of(new Relation.Thread(form.threadRoot(), m.eventId()))))) {
      return true;
    }
    String word = m.body().strip().toLowerCase(Locale.ROOT);
    if (form.confirmationId().isEmpty() && CANCEL.contains(word)) {
      cancel(form);
      return true;
    }
    take(form, m, inPrivate);
    return true;
  }

  /** The sender's forms asking for a secret in other rooms than {@code m}'s, oldest first. */
  private List<PendingForm> askingSecret(IncomingMessage m) {
    return s.stores().forms().all().stream()
        .filter(f -> f.requester().equals(m.sender()) && !f.roomId().equals(m.roomId()))
        .filter(f -> f.expiresAt().isAfter(s.now()))
        .filter(f -> f.asking().flatMap(a -> var(f, a)).filter(SurveyVar::secret).isPresent())
        .sorted(Comparator.comparing(PendingForm::createdAt))
        .toList();
  }

  private boolean isCommand(String body) {
    String prefix = s.settings().prefix().toLowerCase(Locale.ROOT);
    String b = body.strip().toLowerCase(Locale.ROOT);
    return b.startsWith(prefix)
        && (b.length() == prefix.length() || Character.isWhitespace(b.charAt(prefix.length())));
  }

  /** Reads the answers a message gives, then asks what is next (or again, when one was wrong). */
  private void take(PendingForm form, IncomingMessage m, boolean inPrivate) {
    var byName = new LinkedHashMap<String, SurveyVar>();
    form.vars().forEach(v -> byName.put(v.name().toLowerCase(Locale.ROOT), v));
    var given = new LinkedHashMap<SurveyVar, String>();
    var problems = new ArrayList<String>();
    var skipped = new HashSet<>(form.skipped());
    Optional<SurveyVar> reAsk = Optional.empty();
    List<String> lines = m.body().lines().filter(l -> !l.isBlank()).toList();
    boolean bulk =
        lines.stream()
            .map(ASSIGNMENT::matcher)
            .anyMatch(x -> x.matches() && byName.containsKey(x.group(1).toLowerCase(Locale.ROOT)));
    Optional<SurveyVar> asking = form.asking().flatMap(a -> var(form, a));
    if (bulk) {
      for (String line : lines) {
        var x = ASSIGNMENT.matcher(line);
        SurveyVar v = x.matches() ? byName.get(x.group(1).toLowerCase(Locale.ROOT)) : null;
        if (v == null) {
          problems.add(FormTexts.notAVariable(line, form.vars()));
        } else {
          given.put(v, x.group(2));
        }
      }
    } else if (asking.isEmpty()) {
      problems.add("I am not waiting for an answer now; set one with a name=value line");
    } else if (SKIP.contains(m.body().strip().toLowerCase(Locale.ROOT))) {
      if (mustAsk(asking.get())) {
        problems.add(asking.get().label() + " is required, so I need a value");
        reAsk = asking;
      } else {
        skipped.add(asking.get().name());
      }
    } else {
      given.put(asking.get(), m.body());
    }
    var env = new HashMap<>(form.request().environment());
    var secrets = new HashMap<>(form.request().secrets().values());
    var forgotten = new TreeSet<>(form.request().secrets().forgotten());
    boolean heldSecret = false;
    for (var e : given.entrySet()) {
      SurveyVar v = e.getKey();
      heldSecret |= v.secret();
      switch (SurveyInput.read(v, e.getValue())) {
        case SurveyInput.Accepted a -> {
          (v.secret() ? secrets : env).put(v.name(), a.value());
          forgotten.remove(v.name());
          skipped.remove(v.name());
        }
        case SurveyInput.Refused r -> {
          problems.add(r.problem());
          reAsk = reAsk.or(() -> Optional.of(v));
        }
      }
    }
    if (inPrivate) {
      privately.taken(
          form,
          m,
          () ->
              send(
                  form,
                  Reply.text(
                      "🔒 Got your answer in our private room"
                          + (problems.isEmpty() ? "." : ", with a problem: see there."))));
    } else if (heldSecret) {
      removeSecretAnswer(form, m);
    }
    TaskRequest request =
        form.request()
            .withEnvironment(env)
            .withSecrets(
                secrets.isEmpty() && forgotten.isEmpty()
                    ? SecretVars.NONE
                    : new SecretVars(secrets, forgotten));
    Instant expiry = s.now().plus(s.settings().confirmationTimeout());
    var next =
        form.with(
            request,
            skipped,
            reAsk.map(SurveyVar::name).or(form::asking),
            form.confirmationId(),
            expiry);
    if (!problems.isEmpty()) {
      s.stores().forms().save(next);
      var r = Reply.text("⚠️ " + String.join(". ", problems) + ".");
      if (inPrivate) {
        reAsk.or(() -> asking).ifPresent(v -> FormTexts.ask(r.nl(), v));
        privately.say(m, r);
        return;
      }
      reAsk.or(() -> asking).ifPresent(v -> ask(form, r.nl(), v));
      send(next, r);
      return;
    }
    advance(next);
  }

  /**
   * Asks the next required question; once none is left, posts the confirmation (again, replacing
   * the one before) with every value and, when optional ones are left, the next of those.
   */
  private void advance(PendingForm form) {
    var open =
        open(form.vars(), form.request()).stream()
            .filter(v -> !form.skipped().contains(v.name()))
            .toList();
    Optional<SurveyVar> required = open.stream().filter(Forms::mustAsk).findFirst();
    Instant expiry = s.now().plus(s.settings().confirmationTimeout());
    if (required.isPresent()) {
      var asked =
          form.with(
              form.request(),
              form.skipped(),
              Optional.of(required.get().name()),
              Optional.empty(),
              expiry);
      s.stores().forms().save(asked);
      var question = Reply.create();
      if (!(privately.needed(asked, required.get())
          && privately.ask(asked, required.get(), question))) {
        ask(form, question, required.get());
      }
      send(asked, question);
      return;
    }
    if (form.confirmationId().isPresent() && !withdraw(form)) {
      s.stores().forms().remove(form.id());
      return;
    }
    TaskRequest finished = withDefaults(form);
    var prompt =
        RunPrompt.of(
            new RunPrompt.Subject(
                form.templateName(),
                form.request().templateId(),
                form.projectName(),
                "",
                form.vars(),
                finished,
                form.requester()));
    Optional<SurveyVar> optional = open.stream().findFirst();
    boolean askPrivately = optional.filter(v -> privately.needed(form, v)).isPresent();
    optional.ifPresent(v -> {
      prompt
          .nl()
          .add(
              "Optional and not answered: "
                  + String.join(", ", open.stream().map(SurveyVar::label).toList())
                  + ". 👍 goes ahead without them, or answer here.")
          .nl();
      if (!askPrivately) {
        ask(form, prompt, v);
      }
    });
    Optional<String> id =
        confirmations.ask(context(form), form.action(finished), prompt, form.needsApproval());
    if (optional.isPresent() && id.isPresent()) {
      var waiting =
          form.with(form.request(), form.skipped(), Optional.of(optional.get().name()), id, expiry);
      s.stores().forms().save(waiting);
      if (askPrivately) {
        var note = Reply.create();
        if (!privately.ask(waiting, optional.get(), note)) {
          ask(waiting, note, optional.get());
        }
        send(waiting, note);
      }
    } else {
      s.stores().forms().remove(form.id());
    }
  }

  /** The request with every unanswered variable that has a default set to it, as the form would. */
  private static TaskRequest withDefaults(PendingForm form) {
    var env = new HashMap<>(form.request().environment());
    var secrets = new HashMap<>(form.request().secrets().values());
    for (SurveyVar v : open(form.vars(), form.request())) {
      v.defaultValue().ifPresent(d -> (v.secret() ? secrets : env).put(v.name(), d));
    }
    var r = form.request().withEnvironment(env);
    return secrets.equals(form.request().secrets().values())
        ? r
        : r.withSecrets(new SecretVars(secrets, form.request().secrets().forgotten()));
  }

  /**
   * Takes back the confirmation posted before, so a newer one can replace it; false when it was
   * answered or expired in the meantime.
   */
  private boolean withdraw(PendingForm form) {
    Optional<PendingConfirmation> pc = confirmation(form);
    if (pc.isEmpty() || !s.stores().confirmations().remove(pc.get().id())) {
      return false;
    }
    s.edit(
        form.roomId(),
        pc.get().promptEventId(),
        Reply.text("↪ Replaced by the question below, with your latest answers."),
        Optional.empty());
    return true;
  }

  private Optional<PendingConfirmation> confirmation(PendingForm form) {
    return form.confirmationId()
        .flatMap(id ->
            s.stores().confirmations().all().stream().filter(c -> c.id().equals(id)).findFirst());
  }

  private void cancel(PendingForm form) {
    if (!s.stores().forms().remove(form.id())) {
      return;
    }
    send(form, Reply.text("🚫 Cancelled: nothing was started."));
    auditEnded(form, "cancelled while asking");
  }

  /** The audit entry of a form that ended without a run. */
  private void auditEnded(PendingForm form, String outcome) {
    s.audit(form.requester(), form.roomId(), "run", what(form), Optional.empty(), outcome);
  }

  /**
   * Drops forms past their expiry with a note in their thread, and those whose run was decided;
   * forgets unanswered private questions too old for a late answer.
   */
  public void expire(Instant now) {
    privately.forget(now);
    for (PendingForm form : s.stores().forms().all()) {
      if (form.confirmationId().isPresent()) {
        if (confirmation(form).isEmpty()) {
          s.stores().forms().remove(form.id());
        }
        continue;
      }
      if (form.expiresAt().isAfter(now) || !s.stores().forms().remove(form.id())) {
        continue;
      }
      send(
          form,
          Reply.create()
              .mention(form.requester(), form.requester())
              .add(
                  ": I waited too long for your answers, so nothing was started. Send the command"
                      + " again when you are ready."));
      auditEnded(form, "expired while asking");
      s.observer().confirmationExpired();
    }
  }

  /**
   * After a restart: secret answers were not kept, so each form that had one asks for it again (its
   * confirmation, if posted, is taken back first: it could not start without them).
   */
  public void resume() {
    for (PendingForm form : s.stores().forms().all()) {
      var forgotten = form.request().secrets().forgotten();
      if (forgotten.isEmpty() || !form.expiresAt().isAfter(s.now())) {
        continue;
      }
      var secrets = form.request().secrets();
      var kept = new SecretVars(secrets.values(), Set.of());
      var fresh =
          form.with(
              form.request().withSecrets(kept.isEmpty() ? SecretVars.NONE : kept),
              form.skipped(),
              form.asking(),
              form.confirmationId(),
              form.expiresAt());
      if (form.confirmationId().isPresent()) {
        if (!withdraw(form)) {
          s.stores().forms().remove(form.id());
          continue;
        }
        fresh =
            fresh.with(
                fresh.request(),
                fresh.skipped(),
                fresh.asking(),
                Optional.empty(),
                fresh.expiresAt());
      }
      s.stores().forms().save(fresh);
      send(
          fresh,
          Reply.text(
              "I restarted, and I never keep secret values, so I need "
                  + String.join(", ", new TreeSet<>(forgotten))
                  + " again."));
      advance(fresh);
    }
  }

  /** Answers holding a secret leave the room: everyone there would otherwise keep the value. */
  private void removeSecretAnswer(PendingForm form, IncomingMessage m) {
    try {
      s.chat().redact(m.roomId(), m.eventId(), "held the value of a secret variable");
      send(form, Reply.text("Got it. I removed your message, as it held a secret value."));
    } catch (PortException e) {
      send(
          form,
          Reply.text(
              "I could not remove your message, and it holds a secret value: please remove it"
                  + " yourself, or give me the power to remove messages in this room."));
    }
  }

  /**
   * The question for {@code v}; for a secret in a room without encryption, with a warning: the
   * homeserver (and anyone reading its database) sees the answer until it is removed.
   */
  private Reply ask(PendingForm form, Reply r, SurveyVar v) {
    FormTexts.ask(r, v);
    if (v.secret() && !encrypted(form.roomId())) {
      r.nl()
          .add(
              "⚠️ This room is not encrypted, so the server keeps your answer until I remove it."
                  + " If that is not safe here, cancel and start the run from an encrypted room.");
    }
    return r;
  }

  private boolean encrypted(String roomId) {
    return privately.encrypted(roomId);
  }

  private static Optional<SurveyVar> var(PendingForm form, String name) {
    return form.vars().stream().filter(v -> v.name().equals(name)).findFirst();
  }

  private static String what(PendingForm form) {
    return "run " + form.templateName() + " (" + form.projectName() + ")";
  }

  private void send(PendingForm form, Reply reply) {
    s.send(
        form.roomId(),
        reply,
        Optional.of(new Relation.Thread(form.threadRoot(), form.commandEventId())));
  }

  /** The run command as if it had been sent in the form's thread: where its confirmation goes. */
  private CommandContext context(PendingForm form) {
    var spec = s.commands().spec("run").orElseThrow();
    var message =
        new IncomingMessage(
            form.roomId(),
            form.commandEventId(),
            form.requester(),
            form.requester(),
            "",
            form.createdAt(),
            Optional.of(form.threadRoot()),
            Optional.empty(),
            // The run command passed the trust gate when it started the form; each answer did too.
            SenderTrust.TRUSTED);
    var settings = s.settings();
    return new CommandContext(
        message, spec, new Args(List.of(), Map.of(), Set.of()), "", settings, s.policy(), s);
  }
}
