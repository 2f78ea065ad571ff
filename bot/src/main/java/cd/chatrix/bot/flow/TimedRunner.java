package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.RunnerInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.Template;
import java.time.Instant;
import java.util.List;

/** The runner with every call's wait counted apart in the current command's timing. */
public record TimedRunner(RunnerPort runner) implements RunnerPort {
  @Override
  public List<Project> projects() {
    return CommandTiming.waitingOnPort(runner::projects);
  }

  @Override
  public List<Template> templates(long projectId) {
    return CommandTiming.waitingOnPort(() -> runner.templates(projectId));
  }

  @Override
  public boolean refreshCatalog() {
    return runner.refreshCatalog();
  }

  @Override
  public Template template(long projectId, long templateId) {
    return CommandTiming.waitingOnPort(() -> runner.template(projectId, templateId));
  }

  @Override
  public TaskRef start(long projectId, TaskRequest request) {
    return CommandTiming.waitingOnPort(() -> runner.start(projectId, request));
  }

  @Override
  public List<TaskRef> startsOf(long projectId, TaskRequest request, Instant since) {
    return CommandTiming.waitingOnPort(() -> runner.startsOf(projectId, request, since));
  }

  @Override
  public void stop(TaskRef task, boolean force) {
    CommandTiming.runWaitingOnPort(() -> runner.stop(task, force));
  }

  @Override
  public void confirm(TaskRef task) {
    CommandTiming.runWaitingOnPort(() -> runner.confirm(task));
  }

  @Override
  public void reject(TaskRef task) {
    CommandTiming.runWaitingOnPort(() -> runner.reject(task));
  }

  @Override
  public TaskInfo task(TaskRef task) {
    return CommandTiming.waitingOnPort(() -> runner.task(task));
  }

  @Override
  public OutputChunk output(TaskRef task, int fromLine) {
    return CommandTiming.waitingOnPort(() -> runner.output(task, fromLine));
  }

  @Override
  public RunnerInfo ping() {
    return CommandTiming.waitingOnPort(runner::ping);
  }

  @Override
  public void followProject(long projectId) {
    CommandTiming.runWaitingOnPort(() -> runner.followProject(projectId));
  }
}
