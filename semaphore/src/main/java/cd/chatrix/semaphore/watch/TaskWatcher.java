package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.SemaphoreClient;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Semaphore tasks until they end. Push ({@code /api/ws}) is the main channel; per-project
 * polling takes over whenever push is down and double-checks at a slow pace while it is up. Both
 * feed one {@link TaskTracker}, so each task reports every status change once and exactly one
 * terminal event however the channels overlap.
 *
 * <p>Events reach the sink on one dedicated thread, in order. Persist {@link #watched()} (for
 * example after each event) and pass it to {@link #resume} after a restart.
 */
public final class TaskWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskWatcher.class);
  private static final TaskEvent STOP = new TaskEvent.Vanished(0, 0, "watcher closed");

  private final WatcherSettings settings;
  private final Consumer<TaskEvent> sink;
  private final TaskTracker tracker = new TaskTracker();
  private final BlockingQueue<TaskEvent> queue = new LinkedBlockingQueue<>();
  private final ProjectPoller poller;
  private final Optional<PushListener> push;
  private final Thread dispatcher;
  private volatile boolean pushUp;
  private volatile boolean started;

  public TaskWatcher(SemaphoreClient client, WatcherSettings settings, Consumer<TaskEvent> sink) {
    this.settings = settings;
    this.sink = sink;
    this.poller = new ProjectPoller(client, tracker, settings, this::emit, () -> pushUp);
    this.push =
        settings.usePush()
            ? Optional.of(
                new PushListener(
                    client,
                    new PushHandler(),
                    settings.reconnectMin(),
                    settings.reconnectMax(),
                    settings.idleTimeout()))
            : Optional.empty();
    this.dispatcher = Thread.ofVirtual().name("semaphore-watch-events").unstarted(this::dispatch);
  }

  /** Starts the push listener, the poller and event delivery. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    dispatcher.start();
    push.ifPresent(PushListener::start);
    poller.start();
  }

  /** Watches a task the caller has just started or learnt about. */
  public void watch(int projectId, int taskId) {
    resume(List.of(WatchedTask.fresh(projectId, taskId)));
  }

  /**
   * Watches tasks persisted by an earlier run. Their projects are polled at once, so changes that
   * happened while the bot was down are reported (relative to {@code lastKnownStatus}). A terminal
   * last-known status is taken as already reported and ignored.
   */
  public void resume(Collection<WatchedTask> tasks) {
    for (WatchedTask t : tasks) {
      if (tracker.add(t)) {
        poller.pollSoon(t.projectId());
      }
    }
  }

  /**
   * Looks at a project's watched tasks now instead of at their next poll, for a hint from outside
   * such as Semaphore's alert webhook. Does nothing when no task of that project is watched.
   */
  public void checkSoon(int projectId) {
    if (tracker.byProject().containsKey(projectId)) {
      poller.pollSoon(projectId);
    }
  }

  /** {@link #checkSoon} for every project with watched tasks. */
  public void checkAllSoon() {
    poller.pollAllSoon();
  }

  /** Stops watching without a terminal event (the caller lost interest). */
  public void unwatch(int projectId, int taskId) {
    tracker.remove(projectId, taskId);
  }

  /** What to persist: every task still watched with the last status it reported. */
  public List<WatchedTask> watched() {
    return tracker.snapshot();
  }

  /** Whether the push channel is connected right now. */
  public boolean pushConnected() {
    return pushUp;
  }

  /** Cuts the websocket as a network failure would; for tests and diagnostics. */
  public void dropPushConnection() {
    push.ifPresent(PushListener::abortConnection);
  }

  /** Requests sent by the poller so far (for benchmarks and metrics). */
  public long pollRequests() {
    return poller.requests();
  }

  private void emit(List<TaskEvent> events) {
    queue.addAll(events);
  }

  private void dispatch() {
    try {
      while (true) {
        TaskEvent e = queue.take();
        if (e == STOP) {
          return;
        }
        try {
          sink.accept(e);
        } catch (VirtualMachineError fatal) {
          throw fatal;
        } catch (RuntimeException | Error ex) {
          // One bad event (even a linkage or assertion error) must not end every later update.
          LOG.warn("A task event handler failed on {}", e, ex);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class PushHandler implements PushListener.Handler {
    @Override
    public void connected() {
      pushUp = true;
      // Frames sent while we were away are lost: catch up from the REST API.
      poller.pollAllSoon();
    }

    @Override
    public void disconnected(String reason) {
      boolean was = pushUp;
      pushUp = false;
      if (was) {
        // Said once per outage by the listener; a single drop healed by a reconnect is no news.
        LOG.debug("Semaphore push connection lost ({}); polling until it is back", reason);
      }
      poller.pollAllSoon();
    }

    @Override
    public void message(PushMessage message) {
      long now = System.nanoTime();
      switch (message) {
        case PushMessage.Update u -> emit(tracker.push(u.projectId(), u.taskId(), u.status(), now));
        case PushMessage.Log l -> {
          if (settings.forwardLogs() && tracker.isWatched(l.projectId(), l.taskId())) {
            emit(List.of(new TaskEvent.LogLine(l.projectId(), l.taskId(), l.time(), l.output())));
          }
        }
      }
    }
  }

  @Override
  public void close() {
    push.ifPresent(PushListener::close);
    poller.close();
    queue.add(STOP);
    if (dispatcher.getState() == Thread.State.NEW) {
      return; // never started: nothing to wait for
    }
    try {
      dispatcher.join(java.time.Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
