package cd.chatrix.bot.fake;

import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.RunnerInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted Semaphore: projects and templates as set up, tasks recorded, output appended by tests.
 */
public final class FakeRunner implements RunnerPort {
  public final List<Project> projects = new ArrayList<>();
  public final Map<Long, List<Template>> templates = new HashMap<>();
  public final Map<TaskRef, TaskInfo> tasks = new HashMap<>();
  public final Map<TaskRef, List<String>> output = new HashMap<>();
  public final List<TaskRequest> started = new ArrayList<>();
  public final List<TaskRef> stopped = new ArrayList<>();
  public final List<TaskRef> confirmed = new ArrayList<>();
  public final List<TaskRef> rejected = new ArrayList<>();
  public boolean down;

  /** How long each call takes, like a round trip to a real server. */
  public volatile java.time.Duration latency = java.time.Duration.ZERO;

  public String refuseStart;
  private long nextTask = 100;

  /** The server's clock, which stamps each task's creation. */
  public java.util.function.Supplier<java.time.Instant> clock = java.time.Instant::now;

  /** When each task was created and what it was started with, for {@link #startsOf}. */
  private final Map<TaskRef, java.time.Instant> created = new HashMap<>();

  private final Map<TaskRef, TaskRequest> requests = new HashMap<>();

  /**
   * A crash of the bot around a start, as the bot sees it: thrown before the request arrives, or
   * after Semaphore made the task (its answer lost). Used once, then cleared.
   */
  public enum Crash {
    BEFORE_START,
    AFTER_START
  }

  public Crash crash;

  /** What stands for the process dying: not a {@link PortException}, so nothing handles it. */
  public static final class Died extends RuntimeException {
    Died() {
      super("the bot died here");
    }
  }

  public FakeRunner project(long id, String name) {
    projects.add(new Project(id, name));
    templates.putIfAbsent(id, new ArrayList<>());
    return this;
  }

  public FakeRunner template(long projectId, long id, String name, Overrides allowed) {
    templates
        .computeIfAbsent(projectId, k -> new ArrayList<>())
        .add(new Template(id, projectId, name, "", "ansible", allowed, List.of()));
    return this;
  }

  /** A required {@code enum} survey variable offering {@code choices}, as Semaphore's form has. */
  public static SurveyVar choiceVar(String name, String title, SurveyVar.Choice... choices) {
    return new SurveyVar(name, title, "", "enum", true, Optional.empty(), List.of(choices));
  }

  public FakeRunner template(Template t) {
    templates.computeIfAbsent(t.projectId(), k -> new ArrayList<>()).add(t);
    return this;
  }

  private void check() {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (down) {
      throw new PortException("Semaphore is not reachable (connection refused)");
    }
  }

  @Override
  public synchronized List<Project> projects() {
    check();
    return List.copyOf(projects);
  }

  @Override
  public synchronized List<Template> templates(long projectId) {
    check();
    if (!templates.containsKey(projectId)) {
      throw new PortException("Semaphore has no project " + projectId);
    }
    return List.copyOf(templates.get(projectId));
  }

  /** When set, reading one template by id fails as an unreachable Semaphore would. */
  public boolean templateReadDown;

  @Override
  public synchronized Template template(long projectId, long templateId) {
    if (templateReadDown) {
      throw new PortException("Semaphore is not reachable (connection refused)");
    }
    return RunnerPort.super.template(projectId, templateId);
  }

  @Override
  public synchronized TaskRef start(long projectId, TaskRequest request) {
    check();
    if (refuseStart != null) {
      throw new PortException(refuseStart);
    }
    if (crash == Crash.BEFORE_START) {
      crash = null;
      throw new Died();
    }
    var ref = new TaskRef(projectId, ++nextTask);
    started.add(request);
    tasks.put(ref, TaskInfo.of(ref, request.templateId(), TaskState.WAITING));
    output.put(ref, new ArrayList<>());
    created.put(ref, clock.get());
    requests.put(ref, request);
    if (crash == Crash.AFTER_START) {
      crash = null;
      throw new Died();
    }
    return ref;
  }

  @Override
  public synchronized List<TaskRef> startsOf(
      long projectId, TaskRequest request, java.time.Instant since) {
    check();
    return requests.entrySet().stream()
        .filter(e -> e.getKey().projectId() == projectId)
        .filter(e -> e.getValue().templateId() == request.templateId())
        .filter(e -> e.getValue().message().equals(request.message()))
        .filter(e -> !created.get(e.getKey()).isBefore(since))
        .map(Map.Entry::getKey)
        .sorted(java.util.Comparator.comparing(created::get).reversed())
        .toList();
  }

  @Override
  public synchronized void stop(TaskRef task, boolean force) {
    check();
    stopped.add(task);
  }

  @Override
  public synchronized void confirm(TaskRef task) {
    check();
    confirmed.add(task);
  }

  @Override
  public synchronized void reject(TaskRef task) {
    check();
    rejected.add(task);
  }

  @Override
  public synchronized TaskInfo task(TaskRef task) {
    check();
    var t = tasks.get(task);
    if (t == null) {
      throw new PortException(
          "Semaphore has no task " + task.taskId() + " in project " + task.projectId());
    }
    return t;
  }

  @Override
  public synchronized OutputChunk output(TaskRef task, int fromLine) {
    check();
    var lines = output.getOrDefault(task, List.of());
    int from = Math.min(fromLine, lines.size());
    return new OutputChunk(lines.subList(from, lines.size()), lines.size());
  }

  @Override
  public RunnerInfo ping() {
    check();
    return new RunnerInfo("2.10.43", "https://semaphore.example");
  }

  /** Moves a task to a new state, as Semaphore would, and returns the update the watcher sees. */
  public synchronized TaskInfo set(
      TaskRef ref,
      TaskState state,
      Optional<java.time.Instant> start,
      Optional<java.time.Instant> end) {
    var old = tasks.get(ref);
    var info =
        new TaskInfo(
            ref,
            old.templateId(),
            state,
            start.or(old::start),
            end.or(old::end),
            old.templateName(),
            old.startedBy());
    tasks.put(ref, info);
    return info;
  }

  public synchronized void addTask(TaskInfo info) {
    tasks.put(info.ref(), info);
    output.putIfAbsent(info.ref(), new ArrayList<>());
  }

  public synchronized void print(TaskRef ref, String... lines) {
    output.computeIfAbsent(ref, k -> new ArrayList<>()).addAll(List.of(lines));
  }
}
