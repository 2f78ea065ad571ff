package cd.chatrix.testkit.semaphore;

import cd.chatrix.testkit.semaphore.SimModel.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Plays a {@link RunScript} for each started task on its own virtual thread. */
final class ScriptRunner implements AutoCloseable {
  private static final Set<String> STOPPED = Set.of("stopping", "stopped", "success", "error");
  private final SimStore store;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Duration stepDelay;
  private volatile boolean paused;

  ScriptRunner(SimStore store, Duration stepDelay) {
    this.store = store;
    this.stepDelay = stepDelay;
  }

  void stepDelay(Duration delay) {
    this.stepDelay = delay;
  }

  /** While paused (the server is down), no run takes its next step. */
  void paused(boolean paused) {
    this.paused = paused;
  }

  void start(Task task, RunScript script) {
    executor.submit(() -> play(task, script));
  }

  private void play(Task task, RunScript script) {
    try {
      for (RunScript.Step step : script.steps()) {
        Thread.sleep(stepDelay);
        while (paused) {
          Thread.sleep(5);
        }
        if (halted(task)) {
          return;
        }
        switch (step) {
          case RunScript.Status s -> store.setStatus(task, s.status());
          case RunScript.Log l -> store.append(task, l.lines());
          case RunScript.Burst b -> store.append(task, burst(task, b.count()));
          case RunScript.Pause p -> Thread.sleep(p.duration());
          case RunScript.AwaitConfirmation a -> {
            store.setStatus(task, "waiting_confirmation");
            while (currentStatus(task).equals("waiting_confirmation")) {
              Thread.sleep(5);
            }
          }
          case RunScript.Hold h -> {
            while (!task.released && !halted(task)) {
              Thread.sleep(5);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String currentStatus(Task task) {
    synchronized (store.lock) {
      return task.status;
    }
  }

  private boolean halted(Task task) {
    return STOPPED.contains(currentStatus(task));
  }

  private static List<String> burst(Task task, int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      lines.add(
          "\u001b[0;32mok: [host-"
              + (i % 50)
              + "] => (item=step "
              + i
              + " of task "
              + task.id
              + ")\u001b[0m");
    }
    return lines;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
