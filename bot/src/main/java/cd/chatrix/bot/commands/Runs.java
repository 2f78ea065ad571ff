package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.SurveyInput;
import cd.chatrix.bot.command.Tokenizer;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.flow.CommandHandler;
import cd.chatrix.bot.flow.Confirmations;
import cd.chatrix.bot.flow.Forms;
import cd.chatrix.bot.flow.Picks;
import cd.chatrix.bot.flow.RunPrompt;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.text.Echo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code run}: resolves project and template, turns the options into a {@link TaskRequest}, refuses
 * anything the template does not allow, and asks for confirmation. Nothing starts here.
 */
final class Runs implements CommandHandler {
  static final Command RUN =
      new Command(
          CommandSpec.of(
                  "run",
                  "[project] [template] [tags…] [options]",
                  Role.OPERATOR,
                  "start a task (asks first)",
                  "Options: --tags=a,b --skip-tags=c --limit=h1,h2 --args='-e x=1' --branch=B "
                      + "--env NAME=VALUE (repeatable) --dry-run --diff --debug --message \"why\". "
                      + "Words after the template are tags; NAME=VALUE there sets the template's "
                      + "survey variable NAME. Project and template by id or name (a unique start "
                      + "or some words of it); when I can't tell, I list them and you answer with "
                      + "the number. Survey variables you did not give, I ask for in the run's "
                      + "thread: answer one at a time, or all at once with NAME=VALUE lines; skip "
                      + "leaves an optional one out, cancel stops. Secret values are shown as "
                      + SecretVars.MASK
                      + ", removed from the room and never stored; in a room without encryption I "
                      + "ask for them in a private encrypted room with you. Options the template "
                      + "does not allow are refused before anything starts.\n"
                      + "Example:\n"
                      + "you: {prefix} run infra release\n"
                      + "me (in the thread): ❓ Replicas (replicas)? A whole number.\n"
                      + "you: 3\n"
                      + "me: ❓ Stage (stage)? 1) Production 2) Staging\n"
                      + "you: 2\n"
                      + "me: Run Release of Infra? replicas=3, stage=staging. React 👍 to go ahead.")
              .options(
                  Set.of("tags", "skip-tags", "limit", "args", "branch", "env", "message"),
                  Set.of("dry-run", "diff", "debug")),
          kit -> new Runs(kit.confirmations(), kit.forms(), kit.picks()));

  private static final Set<String> NON_ANSIBLE =
      Set.of("terraform", "tofu", "terragrunt", "bash", "python", "powershell", "pulumi");

  /**
   * Longest task message Semaphore keeps: {@code task.message} is {@code varchar(250)} (its {@code
   * db/sql/migrations/v2.8.0.sql}); PostgreSQL refuses longer ones.
   */
  static final int MAX_TASK_MESSAGE = 250;

  private final Confirmations confirmations;
  private final Forms forms;
  private final RunTargets targets;

  private Runs(Confirmations confirmations, Forms forms, Picks picks) {
    this.confirmations = confirmations;
    this.forms = forms;
    this.targets = new RunTargets(picks);
  }

  @Override
  public void handle(CommandContext ctx) {
    var projects = Catalog.projects(ctx);
    var pos = new ArrayList<>(ctx.args().positionals());
    Optional<Project> picked = targets.project(ctx, projects, pos);
    if (picked.isEmpty()) {
      return;
    }
    Project project = picked.get();
    var templates = Catalog.templates(ctx, project);
    Optional<Template> chosen = targets.template(ctx, project, templates, pos);
    if (chosen.isEmpty()) {
      return;
    }
    Template listed = chosen.get();
    // Lists may leave the survey out (2.10 answers null there): the template read by id has it.
    // When that read fails, the run goes on with what the list said, and says so: Semaphore
    // checks the survey again when the run starts.
    Template template = listed;
    boolean surveyUnread = false;
    try {
      template = ctx.services().runner().template(project.id(), listed.id());
    } catch (PortException e) {
      surveyUnread = true;
    }
    TaskRequest request = buildRequest(ctx, template, pos);
    boolean carriesSecret = !request.secrets().values().isEmpty();
    boolean approval = ctx.policy().needsApproval(project.id(), template.id());
    if (!Forms.open(template.surveyVars(), request).isEmpty()) {
      forms.start(ctx, project, template, request, approval);
    } else {
      var prompt =
          RunPrompt.of(
              new RunPrompt.Subject(
                  template.name(),
                  template.id(),
                  project.name(),
                  template.description(),
                  template.surveyVars(),
                  request,
                  ctx.sender()));
      if (surveyUnread) {
        prompt
            .nl()
            .add(
                "I could not read this template's survey just now, so I asked for nothing;"
                    + " Semaphore checks the values when the run starts.");
      }
      if (carriesSecret) {
        prompt.nl().add("Your command held a secret value, so I am removing it from the room.");
      }
      var action = new PendingAction.Run(project.id(), project.name(), template.name(), request);
      confirmations.ask(ctx, action, prompt, approval);
    }
    if (carriesSecret) {
      removeCommand(ctx);
    }
  }

  /**
   * Everyone in the room (and the room's history) would otherwise keep the value the requester
   * typed. Without the power to remove others' messages the bot says so, so a person can.
   */
  private static void removeCommand(CommandContext ctx) {
    try {
      ctx.services()
          .chat()
          .redact(ctx.room(), ctx.message().eventId(), "held the value of a secret variable");
    } catch (PortException e) {
      ctx.reply(
          "I could not remove your command, and it holds a secret value: please remove it"
              + " yourself, or give me the power to remove messages in this room.");
    }
  }

  private static TaskRequest buildRequest(CommandContext ctx, Template t, List<String> pos) {
    var a = ctx.args();
    var tags = new ArrayList<String>();
    var inline = new LinkedHashMap<String, String>();
    for (String p : pos) {
      // "api_key=…" after the template names a survey variable, never a tag: a tag list would
      // show a secret's value in the prompt.
      int eq = p.indexOf('=');
      if (eq > 0 && surveyNames(t).contains(p.substring(0, eq))) {
        inline.put(p.substring(0, eq), p.substring(eq + 1));
      } else {
        tags.addAll(commaList(p));
      }
    }
    a.all("tags").forEach(v -> tags.addAll(commaList(v)));
    var skip = new ArrayList<String>();
    a.all("skip-tags").forEach(v -> skip.addAll(commaList(v)));
    var limit = new ArrayList<String>();
    a.all("limit").forEach(v -> limit.addAll(commaList(v)));
    var args = new ArrayList<String>();
    for (String v : a.all("args")) {
      args.addAll(Tokenizer.split(v));
    }
    var env = new LinkedHashMap<String, String>();
    for (String kv : a.all("env")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw ctx.usage("--env takes KEY=VALUE, got \"" + Echo.of(kv) + "\".");
      }
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    inline.forEach(env::putIfAbsent);
    var refusals = new ArrayList<String>();
    var allowed = t.allowed();
    boolean ansibleOnly = NON_ANSIBLE.contains(t.app().toLowerCase(Locale.ROOT));
    check(refusals, !tags.isEmpty(), allowed.tags() && !ansibleOnly, "tags");
    check(refusals, !skip.isEmpty(), allowed.skipTags() && !ansibleOnly, "--skip-tags");
    check(refusals, !limit.isEmpty(), allowed.limit() && !ansibleOnly, "--limit");
    check(refusals, !args.isEmpty(), allowed.arguments(), "--args");
    check(refusals, a.option("branch").isPresent(), allowed.branch(), "--branch");
    check(refusals, a.flag("debug"), allowed.debug(), "--debug");
    check(refusals, a.flag("dry-run"), !ansibleOnly, "--dry-run");
    check(refusals, a.flag("diff"), !ansibleOnly, "--diff");
    checkSurvey(t, env, allowed.environment(), refusals);
    if (!refusals.isEmpty()) {
      throw new UsageException(
          "Template "
              + t.name()
              + " does not accept: "
              + String.join("; ", refusals)
              + ". Nothing was started. Drop those options, or allow them on the template in Semaphore.");
    }
    String message = taskMessage(ctx, a.option("message").orElse(""));
    var secrets = new LinkedHashMap<String, String>();
    for (String name : secretNames(t)) {
      if (env.containsKey(name)) {
        secrets.put(name, env.remove(name));
      }
    }
    return new TaskRequest(
        t.id(),
        tags,
        skip,
        limit,
        args,
        a.option("branch"),
        env,
        a.flag("dry-run"),
        a.flag("diff"),
        a.flag("debug"),
        message,
        SecretVars.of(secrets));
  }

  private static Set<String> surveyNames(Template t) {
    return t.surveyVars().stream()
        .map(SurveyVar::name)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * The template's {@code secret} survey variables: their values never show in chat, the audit log
   * or the store, and reach Semaphore only in the task's {@code secret} field.
   */
  static Set<String> secretNames(Template t) {
    return t.surveyVars().stream()
        .filter(v -> "secret".equals(v.type()))
        .map(SurveyVar::name)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * The task's message in Semaphore: who asked from chat, and why when {@code --message} says. A
   * reason that would not fit Semaphore's column is refused rather than cut unseen.
   */
  private static String taskMessage(CommandContext ctx, String why) {
    String note = "From chat by " + ctx.sender();
    int noteLength = note.codePointCount(0, note.length());
    if (why.isBlank()) {
      return noteLength <= MAX_TASK_MESSAGE
          ? note
          : note.substring(0, note.offsetByCodePoints(0, MAX_TASK_MESSAGE));
    }
    String message = note + ": " + why;
    int over = message.codePointCount(0, message.length()) - MAX_TASK_MESSAGE;
    if (over > 0) {
      throw ctx.usage(
          "--message is "
              + over
              + " characters too long: Semaphore keeps "
              + MAX_TASK_MESSAGE
              + " characters, the \"From chat by\" note I add included. Shorten it and try again.");
    }
    return message;
  }

  /**
   * Refuses extra variables the template does not take and values its survey would refuse; an
   * enum's number or name becomes its value. Missing ones are asked for afterwards ({@link Forms}).
   */
  private static void checkSurvey(
      Template t, java.util.Map<String, String> env, boolean anyEnv, List<String> refusals) {
    var byName = new LinkedHashMap<String, SurveyVar>();
    t.surveyVars().forEach(v -> byName.put(v.name(), v));
    for (var e : env.entrySet()) {
      SurveyVar v = byName.get(e.getKey());
      if (v == null) {
        if (!anyEnv) {
          refusals.add(
              "--env "
                  + Echo.of(e.getKey())
                  + " (not a survey variable of this template"
                  + (byName.isEmpty() ? "" : "; it has " + String.join(", ", byName.keySet()))
                  + ")");
        }
        continue;
      }
      switch (SurveyInput.read(v, e.getValue())) {
        case SurveyInput.Accepted a -> e.setValue(a.value());
        case SurveyInput.Refused r -> refusals.add(e.getKey() + ": " + r.problem());
      }
    }
  }

  private static void check(List<String> refusals, boolean given, boolean allowed, String what) {
    if (given && !allowed) {
      refusals.add(what);
    }
  }

  private static List<String> commaList(String v) {
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
