package cd.chatrix.bench.jmh;

import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.RunnerInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Semaphore that answers from memory at once: one project with two templates, every task running.
 * The benchmarks measure the bot, not the server, so nothing here waits or records.
 */
final class StaticRunner implements RunnerPort {
  static final long PROJECT = 1;
  static final long TEMPLATE = 5;

  private final AtomicLong nextTask = new AtomicLong(1000);

  @Override
  public List<Project> projects() {
    return List.of(new Project(PROJECT, "Infra"));
  }

  @Override
  public List<Template> templates(long projectId) {
    return List.of(
        new Template(TEMPLATE, PROJECT, "Deploy web", "", "ansible", Overrides.ALL, List.of()),
        new Template(6, PROJECT, "Backup db", "", "ansible", Overrides.NONE, List.of()));
  }

  @Override
  public TaskRef start(long projectId, TaskRequest request) {
    return new TaskRef(projectId, nextTask.incrementAndGet());
  }

  /** The bench never cuts a start off, so there is nothing to find again. */
  @Override
  public List<TaskRef> startsOf(long projectId, TaskRequest request, java.time.Instant since) {
    return List.of();
  }

  @Override
  public void stop(TaskRef task, boolean force) {}

  @Override
  public void confirm(TaskRef task) {}

  @Override
  public void reject(TaskRef task) {}

  @Override
  public TaskInfo task(TaskRef task) {
    return TaskInfo.of(task, TEMPLATE, TaskState.RUNNING);
  }

  @Override
  public OutputChunk output(TaskRef task, int fromLine) {
    return new OutputChunk(List.of(), fromLine);
  }

  @Override
  public RunnerInfo ping() {
    return new RunnerInfo("2.12.0", "https://semaphore.bench");
  }
}
