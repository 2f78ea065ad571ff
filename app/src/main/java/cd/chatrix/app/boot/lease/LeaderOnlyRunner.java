package cd.chatrix.app.boot.lease;

import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.StoreException;
import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.RunnerInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.Template;
import java.time.Instant;
import java.util.List;

/**
 * Semaphore for a replica that may lose its lease: every request that changes a task (start, stop,
 * confirm, reject) first passes an empty store transaction, which is the lease fence (epoch in the
 * database, lease time on the local clock). A replica paused between a "yes" and its POST, and
 * resumed after another took over, so starts nothing. Reads go straight through: they change
 * nothing in Semaphore.
 */
final class LeaderOnlyRunner implements RunnerPort {
  private final RunnerPort runner;
  private final Store store;

  LeaderOnlyRunner(RunnerPort runner, Store store) {
    this.runner = runner;
    this.store = store;
  }

  private void stillLeading() {
    try {
      store.confirmFence();
    } catch (StoreException e) {
      throw new PortException(
          "Not sent to Semaphore: this replica cannot confirm it still leads ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  @Override
  public List<Project> projects() {
    return runner.projects();
  }

  @Override
  public List<Template> templates(long projectId) {
    return runner.templates(projectId);
  }

  @Override
  public boolean refreshCatalog() {
    return runner.refreshCatalog();
  }

  @Override
  public Template template(long projectId, long templateId) {
    return runner.template(projectId, templateId);
  }

  @Override
  public TaskRef start(long projectId, TaskRequest request) {
    stillLeading();
    return runner.start(projectId, request);
  }

  /** A read, but only a leader settles cut-off starts, so only a leader asks. */
  @Override
  public List<TaskRef> startsOf(long projectId, TaskRequest request, Instant since) {
    stillLeading();
    return runner.startsOf(projectId, request, since);
  }

  @Override
  public void stop(TaskRef task, boolean force) {
    stillLeading();
    runner.stop(task, force);
  }

  @Override
  public void confirm(TaskRef task) {
    stillLeading();
    runner.confirm(task);
  }

  @Override
  public void reject(TaskRef task) {
    stillLeading();
    runner.reject(task);
  }

  @Override
  public TaskInfo task(TaskRef task) {
    return runner.task(task);
  }

  @Override
  public OutputChunk output(TaskRef task, int fromLine) {
    return runner.output(task, fromLine);
  }

  @Override
  public RunnerInfo ping() {
    return runner.ping();
  }

  @Override
  public void followProject(long projectId) {
    runner.followProject(projectId);
  }
}
