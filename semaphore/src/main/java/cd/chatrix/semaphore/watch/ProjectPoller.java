package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreException;
import cd.chatrix.semaphore.model.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls task lists, one request per project per interval however many tasks are watched there. It
 * starts with {@code /tasks/last?limit=200} and moves a project to {@code /tasks} (Semaphore's 1000
 * newest) when watched tasks fall off the short list. Only a task older than the 1000 newest, or
 * deleted, is fetched on its own (a few per round), which is also how a deleted task is noticed.
 */
final class ProjectPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectPoller.class);
  private static final int SHORT_LIST = 200;
  private static final int STRAGGLERS_PER_ROUND = 5;

  private final SemaphoreClient client;
  private final TaskTracker tracker;
  private final WatcherSettings settings;
  private final Consumer<List<TaskEvent>> emit;
  private final BooleanSupplier pushUp;
  private final Map<Integer, Schedule> schedules = new ConcurrentHashMap<>();
  private final Semaphore wake = new Semaphore(0);
  private final AtomicLong requests = new AtomicLong();
  private final Thread loop;
  private volatile boolean closed;

  private static final class Schedule {
    volatile long dueNanos;

    /**
     * Bumped by pollSoon; a poll that sees it change meanwhile must not push the next poll far out.
     */
    final AtomicLong soon = new AtomicLong();

    Duration interval;
    boolean fullList;

    Schedule(long dueNanos, Duration interval) {
      this.dueNanos = dueNanos;
      this.interval = interval;
    }
  }

  ProjectPoller(
      SemaphoreClient client,
      TaskTracker tracker,
      WatcherSettings settings,
      Consumer<List<TaskEvent>> emit,
      BooleanSupplier pushUp) {
    this.client = client;
    this.tracker = tracker;
    this.settings = settings;
    this.emit = emit;
    this.pushUp = pushUp;
    this.loop = Thread.ofVirtual().name("semaphore-poll").unstarted(this::run);
  }

  void start() {
    loop.start();
  }

  long requests() {
    return requests.get();
  }

  void pollSoon(int projectId) {
    Schedule s =
        schedules.computeIfAbsent(projectId, p -> new Schedule(0, settings.minPollInterval()));
    s.soon.incrementAndGet();
    s.dueNanos = System.nanoTime();
    wake.release();
  }

  void pollAllSoon() {
    long now = System.nanoTime();
    schedules
        .values()
        .forEach(s -> {
          s.soon.incrementAndGet();
          s.dueNanos = now;
        });
    wake.release();
  }

  private void run() {
    while (!closed) {
      Map<Integer, Set<Integer>> watched = tracker.byProject();
      schedules.keySet().retainAll(watched.keySet());
      long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      for (Map.Entry<Integer, Set<Integer>> project : watched.entrySet()) {
        Schedule s =
            schedules.computeIfAbsent(
                project.getKey(), p -> new Schedule(System.nanoTime(), settings.minPollInterval()));
        if (closed) {
          return;
        }
        if (System.nanoTime() - s.dueNanos >= 0) {
          try {
            poll(project.getKey(), project.getValue(), s);
          } catch (RuntimeException e) {
            // One bad response must not end watching for every project.
            LOG.warn("Polling project {} failed unexpectedly", project.getKey(), e);
            s.dueNanos = System.nanoTime() + settings.maxPollInterval().toNanos();
          }
        }
        next = Math.min(next, s.dueNanos);
      }
      long waitNanos = Math.max(0, next - System.nanoTime());
      try {
        if (wake.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void poll(int projectId, Set<Integer> taskIds, Schedule s) {
    long soonBefore = s.soon.get();
    pollOnce(projectId, taskIds, s);
    if (s.soon.get() != soonBefore) {
      s.dueNanos = System.nanoTime();
    }
  }

  private void pollOnce(int projectId, Set<Integer> taskIds, Schedule s) {
    long requestNanos = System.nanoTime();
    List<Task> list;
    try {
      requests.incrementAndGet();
      list = s.fullList ? client.tasks(projectId) : client.lastTasks(projectId, SHORT_LIST);
    } catch (SemaphoreException.NotFound e) {
      for (int taskId : taskIds) {
        emit.accept(tracker.vanished(projectId, taskId, e.getMessage()));
      }
      return;
    } catch (SemaphoreException e) {
      if (closed) {
        return;
      }
      // The client logs the outage once; every failed poll would repeat it.
      LOG.debug("Polling tasks of project {} failed: {}", projectId, e.getMessage());
      s.interval = settings.maxPollInterval();
      s.dueNanos = System.nanoTime() + s.interval.toNanos();
      return;
    }
    Map<Integer, Task> byId = new HashMap<>();
    list.forEach(t -> byId.put(t.id(), t));
    boolean changed = false;
    List<Integer> missing = new ArrayList<>();
    for (int taskId : taskIds) {
      Task t = byId.get(taskId);
      if (t == null) {
        missing.add(taskId);
        continue;
      }
      List<TaskEvent> events = tracker.poll(projectId, taskId, t.status(), requestNanos);
      changed |= !events.isEmpty();
      emit.accept(events);
    }
    if (!missing.isEmpty()) {
      if (!s.fullList && list.size() >= SHORT_LIST) {
        s.fullList = true;
        s.dueNanos = System.nanoTime();
        return;
      }
      changed |= stragglers(projectId, missing);
    }
    s.interval = nextInterval(s.interval, changed);
    s.dueNanos = System.nanoTime() + s.interval.toNanos();
  }

  private boolean stragglers(int projectId, List<Integer> missing) {
    boolean changed = false;
    for (int taskId : missing.subList(0, Math.min(STRAGGLERS_PER_ROUND, missing.size()))) {
      long requestNanos = System.nanoTime();
      try {
        requests.incrementAndGet();
        Task t = client.task(projectId, taskId);
        List<TaskEvent> events = tracker.poll(projectId, taskId, t.status(), requestNanos);
        changed |= !events.isEmpty();
        emit.accept(events);
      } catch (SemaphoreException.NotFound e) {
        emit.accept(
            tracker.vanished(projectId, taskId, "Semaphore no longer knows this task (deleted?)"));
        changed = true;
      } catch (SemaphoreException e) {
        LOG.debug("Fetching task {} of project {} failed: {}", taskId, projectId, e.getMessage());
      }
    }
    return changed;
  }

  private Duration nextInterval(Duration current, boolean changed) {
    if (pushUp.getAsBoolean()) {
      return settings.safetyPollInterval();
    }
    if (changed) {
      return settings.minPollInterval();
    }
    long grown = Math.max(current.toMillis() * 3 / 2, settings.minPollInterval().toMillis());
    return Duration.ofMillis(Math.min(grown, settings.maxPollInterval().toMillis()));
  }

  @Override
  public void close() {
    closed = true;
    Loops.stop(loop);
  }
}
