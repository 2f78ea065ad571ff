package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.app.logging.SecretRegistry;
import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.RunnerInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreException;
import cd.chatrix.semaphore.model.ServerInfo;
import cd.chatrix.semaphore.model.Task;
import cd.chatrix.semaphore.run.Refusal;
import cd.chatrix.semaphore.run.StartResult;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's {@link RunnerPort} over the Semaphore REST client. Every call blocks; every failure
 * becomes a {@link PortException} whose message a chat user can act on and which never contains a
 * secret.
 */
public final class SemaphoreRunner implements RunnerPort {
  private static final Logger LOG = LoggerFactory.getLogger(SemaphoreRunner.class);

  /** The most {@code /tasks/last} gives in one answer (semaphore-api.md §2.5). */
  private static final int RECENT_TASKS = 200;

  private final SemaphoreClient client;
  private final Consumer<TaskRef> onStarted;
  private final LongConsumer onFollowed;
  private final ServerDialect dialect;
  private final Failures failures;
  private final CatalogCache catalog = new CatalogCache(java.time.Clock.systemUTC());

  /**
   * @param onStarted told about every task this runner started, e.g. {@link TaskFeed#watch}, so its
   *     states are followed before the bot has even saved the run
   */
  public SemaphoreRunner(SemaphoreClient client, Consumer<TaskRef> onStarted) {
    this(client, onStarted, project -> {});
  }

  /**
   * @param onFollowed told when a room subscribes to a project, e.g. {@link TaskFeed#baseline}, so
   *     the feed knows where "new" starts before the bot confirms the subscription
   */
  public SemaphoreRunner(
      SemaphoreClient client, Consumer<TaskRef> onStarted, LongConsumer onFollowed) {
    this.client = client;
    this.onStarted = onStarted;
    this.onFollowed = onFollowed;
    this.dialect = new ServerDialect(client);
    this.failures = new Failures(() -> secretsOf(client));
  }

  public SemaphoreRunner(SemaphoreClient client) {
    this(client, ref -> {});
  }

  /** The token and password of a client, for scrubbing messages. */
  static List<String> secretsOf(SemaphoreClient client) {
    List<String> out = new ArrayList<>();
    if (client.settings().credentials() instanceof Credentials.Password p) {
      out.add(p.password());
    }
    try {
      out.add(client.apiToken().token());
    } catch (IllegalArgumentException e) {
      // No token yet (a password login that has not happened): nothing to hide.
    }
    return out;
  }

  /** From the catalog cache: see {@link #refreshCatalog} for when it is read again. */
  @Override
  public List<Project> projects() {
    return catalog.projects(() ->
        failures.call(
            "listing projects",
            () -> client.projects().stream().map(PortMapping::project).toList()));
  }

  /**
   * One list request: the survey is left out here (2.10 lists answer {@code null} for it), and
   * whatever needs it reads that one template by id ({@link #template}), instead of one request per
   * template of the project.
   */
  @Override
  public List<Template> templates(long projectId) {
    int pid = id(projectId, "project");
    return catalog.templates(
        projectId,
        () ->
            failures.call(
                "listing templates",
                () ->
                    client.templates(pid).stream()
                        .map(dialect::effective)
                        .map(PortMapping::template)
                        .toList()));
  }

  /**
   * Drops the cached project and template lists. The bot calls it when a name or id was not found
   * in them; boot calls {@link #forgetCatalog} on a config reload and on every Semaphore alert.
   */
  @Override
  public boolean refreshCatalog() {
    return catalog.forget();
  }

  /** Things in Semaphore may have changed: the next list read asks Semaphore again. */
  public void forgetCatalog() {
    catalog.forget();
  }

  @Override
  public Template template(long projectId, long templateId) {
    int pid = id(projectId, "project");
    int tid = id(templateId, "template");
    return PortMapping.template(
        failures.call("reading the template", () -> dialect.effective(client.template(pid, tid))));
  }

  @Override
  public TaskRef start(long projectId, TaskRequest request) {
    // A second line of defence: whatever logs a request body or an error from here on is scrubbed.
    request.secrets().values().values().forEach(SecretRegistry::register);
    int pid = id(projectId, "project");
    int tid = id(request.templateId(), "template");
    var template =
        failures.call("reading the template", () -> dialect.effective(client.template(pid, tid)));
    var options = PortMapping.options(request, template);
    StartResult result;
    try {
      result = failures.call("starting a task", () -> client.startTask(template, options));
    } catch (PortException e) {
      // A start is never retried, and a timeout does not prove Semaphore ignored the request.
      if (e.getCause() instanceof SemaphoreException.Unreachable u
          && u.getCause() instanceof HttpTimeoutException) {
        throw new PortException(
            e.getMessage()
                + " The task may have started anyway: check the project's task list in Semaphore"
                + " before trying again.",
            u);
      }
      throw e;
    }
    TaskRef ref =
        switch (result) {
          case StartResult.Started s -> new TaskRef(projectId, s.task().id());
          case StartResult.Refused r -> throw refused(r.refusals());
        };
    try {
      onStarted.accept(ref);
    } catch (RuntimeException e) {
      LOG.warn("Task {} started, but following it failed to begin: {}", ref, e.toString());
    }
    return ref;
  }

  private static PortException refused(List<Refusal> refusals) {
    return new PortException(
        refusals.stream().map(Refusal::reason).collect(Collectors.joining("; "))
            + ". Nothing was sent to Semaphore.");
  }

  @Override
  public void stop(TaskRef task, boolean force) {
    TaskState now = state(task);
    // Semaphore relabels a finished task as stopped when asked to stop it, rewriting its history.
    if (now.terminal()) {
      throw new PortException(
          "Task " + task.taskId() + " has already ended (" + now.wire() + "); nothing to stop.");
    }
    failures.run("stopping a task", () -> client.stop(pid(task), id(task.taskId(), "task"), force));
  }

  @Override
  public void confirm(TaskRef task) {
    failures.run("confirming a task", () -> client.confirm(pid(task), id(task.taskId(), "task")));
  }

  /**
   * Semaphore up to 2.10 (and this client) has no reject call, so refusing means a forced stop: the
   * task ends as {@code stopped} and nothing of its pending step runs. Only a task that is waiting
   * for confirmation is touched.
   */
  @Override
  public void reject(TaskRef task) {
    TaskState now = state(task);
    if (now != TaskState.WAITING_CONFIRMATION) {
      throw new PortException(
          "Task "
              + task.taskId()
              + " is not waiting for a confirmation (it is "
              + now.wire()
              + "); nothing was changed.");
    }
    failures.run("rejecting a task", () -> client.stop(pid(task), id(task.taskId(), "task"), true));
  }

  @Override
  public TaskInfo task(TaskRef task) {
    TaskInfo info =
        failures.call(
            "reading a task",
            () -> PortMapping.taskInfo(task, client.task(pid(task), id(task.taskId(), "task"))));
    if (info.templateName().isPresent() || info.templateId() <= 0) {
      return info;
    }
    // A single task read carries no template name (only list reads do); it is worth one more read.
    try {
      String name = client.template(pid(task), (int) info.templateId()).name();
      return new TaskInfo(
          info.ref(),
          info.templateId(),
          info.state(),
          info.start(),
          info.end(),
          name.isBlank() ? Optional.empty() : Optional.of(name),
          info.startedBy());
    } catch (SemaphoreException e) {
      LOG.debug("Template name of task {} unavailable: {}", task, e.getMessage());
      return info;
    }
  }

  private TaskState state(TaskRef task) {
    return failures.call(
        "reading a task",
        () -> PortMapping.state(client.task(pid(task), id(task.taskId(), "task")).status()));
  }

  /**
   * The project's newest tasks (one page of {@code /tasks/last}, as many as Semaphore gives at
   * once) matched by template and the message the bot sends with every start; a cut-off start is
   * minutes old at most, so it is on that page.
   */
  @Override
  public List<TaskRef> startsOf(long projectId, TaskRequest request, Instant since) {
    int pid = id(projectId, "project");
    return failures
        .call("looking for a started task", () -> client.lastTasks(pid, RECENT_TASKS))
        .stream()
        .filter(t -> t.templateId() == request.templateId())
        .filter(t -> t.message().equals(request.message()))
        .filter(t -> t.created().map(c -> !c.isBefore(since)).orElse(false))
        .sorted(Comparator.comparing((Task t) -> t.created().orElseThrow()).reversed())
        .map(t -> new TaskRef(projectId, t.id()))
        .toList();
  }

  @Override
  public OutputChunk output(TaskRef task, int fromLine) {
    return failures.call(
        "reading task output",
        () -> PortMapping.output(client.output(pid(task), id(task.taskId(), "task")), fromLine));
  }

  @Override
  public void followProject(long projectId) {
    failures.call(
        "looking at the project's tasks",
        () -> {
          onFollowed.accept(projectId);
          return null;
        });
  }

  @Override
  public RunnerInfo ping() {
    return failures.call(
        "checking Semaphore",
        () -> {
          // One request, not /api/ping and then /api/info: an answer from the authenticated info
          // endpoint says all that ping stands for (Semaphore is up, it is Semaphore since the
          // answer is its JSON, and the token is good: a wrong one is worth knowing now rather
          // than at the next run) and carries the release. Every request on a command's path is
          // a round trip the person waits for.
          ServerInfo info = dialect.freshInfo();
          String version =
              info.release()
                  .map(r -> r.major() + "." + r.minor() + "." + r.patch())
                  .orElse(info.version());
          String url = info.webHost().orElse(failures.scrub(client.settings().url().toString()));
          return new RunnerInfo(version, url);
        });
  }

  private static int pid(TaskRef task) {
    return id(task.projectId(), "project");
  }

  private static int id(long value, String what) {
    if (value <= 0 || value > Integer.MAX_VALUE) {
      throw new PortException("There is no " + what + " " + value + " in Semaphore.");
    }
    return (int) value;
  }
}
