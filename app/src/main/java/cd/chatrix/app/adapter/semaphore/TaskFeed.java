package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreException;
import cd.chatrix.semaphore.model.Task;
import cd.chatrix.semaphore.watch.TaskEvent;
import cd.chatrix.semaphore.watch.TaskWatcher;
import cd.chatrix.semaphore.watch.WatchedTask;
import cd.chatrix.semaphore.watch.WatcherSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Semaphore task state changes to the bot. It owns a {@link TaskWatcher} (push with
 * batched polling as fallback, each state change reported once and the end exactly once) and keeps
 * the watched set in line with what the bot says it follows: its active runs, plus new tasks in the
 * projects rooms subscribe to. Nothing is persisted here; after a restart the bot's run store lists
 * the active runs again and the feed picks them up on its first refresh. An end the bot could not
 * take (its store away) shows as a task it still lists after the end was delivered: the next
 * refresh follows it again, so its end is delivered again.
 *
 * <p>Events reach the sink one at a time, in order, on the watcher's delivery thread.
 *
 * <p>Longer than most classes here: the followed, ended, gone and newest-seen sets change together
 * under one lock at each refresh and event; the ended bookkeeping lives in {@link DeliveredEnds}.
 * Discovery of new tasks (with its starting points) is the next part to move out if it grows.
 */
public final class TaskFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskFeed.class);
  // Enough to see every task started in a project between two refreshes on any sane server.
  private static final int DISCOVERY_WINDOW = 50;
  private static final Duration RETRY_GONE = Duration.ofMinutes(10);
  // After a failed refresh (the store away, mostly): soon, then doubling up to the refresh period,
  // so what happened meanwhile is announced about when the store answers again.
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final SemaphoreClient client;
  private final Duration refreshEvery;
  private volatile Supplier<? extends Collection<TaskRef>> watchedTasks = List::of;
  private volatile Supplier<? extends Collection<Long>> watchedProjects = Set::of;
  private volatile Consumer<TaskInfo> sink;
  private final TaskWatcher watcher;
  private final Thread loop;
  private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
  // Refreshes run one at a time (the loop's and a caller's); the state lock is not held over I/O.
  private final Object refreshLock = new Object();

  /** Followed tasks; the value says whether the bot has listed it (only then may it drop it). */
  private final Map<TaskRef, Boolean> following = new HashMap<>();

  /** Tasks whose end was delivered, and whether the bot could take it. */
  private final DeliveredEnds ended = new DeliveredEnds();

  /**
   * Tasks Semaphore stopped showing (deleted, or the bot's user lost access to the project), with
   * when; the bot has no state for that, so they are tried again after a while if still listed.
   */
  private final Map<TaskRef, Long> gone = new HashMap<>();

  /** Per project, the newest task id already known; newer ones are tasks started since. */
  private final Map<Long, Long> newestSeen = new HashMap<>();

  private final StartingPoints startingPoints;

  /** List-endpoint details (template name, user name) that a single-task read lacks. */
  private final Map<TaskRef, Task> listed = new HashMap<>();

  private volatile boolean closed;
  private boolean started;

  /**
   * A feed that follows nothing yet; tell it what to follow with {@link #follow(Bot)} (or {@link
   * #follow(Supplier, Supplier, Consumer)}) and then {@link #start()} it. The two steps are apart
   * because the runner that reports started tasks to {@link #watch} is needed to build the bot.
   *
   * @param refreshEvery how often the watched set is compared with the bot's and watched projects
   *     are checked for new tasks
   */
  public TaskFeed(SemaphoreClient client, WatcherSettings watcher, Duration refreshEvery) {
    this(client, watcher, refreshEvery, StartingPoints.NONE);
  }

  /**
   * @param startingPoints where "new" starts per project, kept across restarts so that tasks
   *     started while the bot was away are still announced
   */
  public TaskFeed(
      SemaphoreClient client,
      WatcherSettings watcher,
      Duration refreshEvery,
      StartingPoints startingPoints) {
    this.startingPoints = startingPoints;
    this.newestSeen.putAll(startingPoints.load());
    this.client = client;
    this.refreshEvery = refreshEvery;
    this.watcher = new TaskWatcher(client, watcher, this::onEvent);
    this.loop = Thread.ofVirtual().name("semaphore-task-feed").unstarted(this::run);
  }

  /** Follows what {@code bot} watches and hands it every update. */
  public TaskFeed follow(Bot bot) {
    return follow(bot::watchedTasks, bot::watchedProjects, bot::onTaskUpdate);
  }

  /**
   * @param watchedTasks the tasks the bot follows ({@code bot::watchedTasks})
   * @param watchedProjects projects whose new tasks matter ({@code bot::watchedProjects})
   * @param sink receives each state change ({@code bot::onTaskUpdate})
   */
  public synchronized TaskFeed follow(
      Supplier<? extends Collection<TaskRef>> watchedTasks,
      Supplier<? extends Collection<Long>> watchedProjects,
      Consumer<TaskInfo> sink) {
    if (started) {
      throw new IllegalStateException("The task feed is already running; follow() comes first.");
    }
    this.watchedTasks = watchedTasks;
    this.watchedProjects = watchedProjects;
    this.sink = sink;
    return this;
  }

  /** Starts watching; the first refresh happens right away. */
  public synchronized void start() {
    if (started || closed) {
      return;
    }
    if (sink == null) {
      throw new IllegalStateException(
          "Tell the task feed what to follow (follow()) before start().");
    }
    started = true;
    watcher.start();
    loop.start();
  }

  /** Follows a task at once, e.g. one the bot has just started. */
  public void watch(TaskRef ref) {
    synchronized (this) {
      if (closed || ended.contains(ref) || gone.containsKey(ref) || following.containsKey(ref)) {
        return;
      }
      following.put(ref, false);
    }
    watcher.watch((int) ref.projectId(), (int) ref.taskId());
  }

  /**
   * Asks for a refresh without waiting for the next round: on an alert, and when the store is back
   * after an outage ({@code Leadership.whenActingAgain}).
   */
  public void refreshSoon() {
    wake.release();
  }

  /**
   * A hint from outside (Semaphore's alert webhook) that a task of {@code projectId} changed: the
   * tasks followed there are read now rather than at their next poll, and the watched set is
   * refreshed. Empty {@code projectId} (the alert did not say) checks every followed project.
   */
  public void checkSoon(java.util.OptionalLong projectId) {
    if (projectId.isPresent()) {
      watcher.checkSoon((int) projectId.getAsLong());
    } else {
      watcher.checkAllSoon();
    }
    refreshSoon();
  }

  /** Tasks followed right now. */
  public synchronized Set<TaskRef> following() {
    return Set.copyOf(following.keySet());
  }

  public boolean pushConnected() {
    return watcher.pushConnected();
  }

  /** Poll requests the watcher has sent so far, for metrics. */
  public long pollRequests() {
    return watcher.pollRequests();
  }

  /**
   * Brings the watched set in line with the bot and looks for new tasks in watched projects. Blocks
   * for the few list requests this takes; called by the feed's own loop.
   */
  public void refresh() {
    synchronized (refreshLock) {
      refreshNow();
    }
  }

  private void refreshNow() {
    long asked = System.nanoTime();
    Set<TaskRef> wanted = new LinkedHashSet<>(watchedTasks.get());
    List<TaskRef> add = new ArrayList<>();
    List<TaskRef> drop = new ArrayList<>();
    synchronized (this) {
      List<TaskRef> untaken = ended.untaken(wanted, asked);
      if (!untaken.isEmpty()) {
        LOG.debug("The bot did not take the end of {}: delivering it again", untaken);
      }
      long now = System.nanoTime();
      gone.entrySet()
          .removeIf(e -> !wanted.contains(e.getKey()) || now - e.getValue() > RETRY_GONE.toNanos());
      for (TaskRef ref : wanted) {
        if (!ended.contains(ref) && !gone.containsKey(ref) && following.put(ref, true) == null) {
          add.add(ref);
        }
      }
      following.forEach((ref, listedByBot) -> {
        if (listedByBot && !wanted.contains(ref)) {
          drop.add(ref);
        }
      });
      drop.forEach(following::remove);
      drop.forEach(listed::remove);
    }
    drop.forEach(ref -> watcher.unwatch((int) ref.projectId(), (int) ref.taskId()));
    watcher.resume(
        add.stream()
            .map(ref -> WatchedTask.fresh((int) ref.projectId(), (int) ref.taskId()))
            .toList());
    discover(Set.copyOf(watchedProjects.get()));
  }

  /**
   * Takes the project's newest task as the point from which tasks count as new, now rather than at
   * the next refresh, so a task started right after a room subscribed is still announced. Throws
   * {@link SemaphoreException} when the project cannot be read.
   */
  public void baseline(long projectId) {
    synchronized (this) {
      if (newestSeen.containsKey(projectId)) {
        return;
      }
    }
    long newest = newestOf(client.lastTasks((int) projectId, DISCOVERY_WINDOW));
    boolean first;
    synchronized (this) {
      first = newestSeen.putIfAbsent(projectId, newest) == null;
    }
    if (first) {
      startingPoints.save(projectId, newest);
    }
  }

  private void discover(Set<Long> projects) {
    Set<Long> dropped;
    synchronized (this) {
      dropped = new HashSet<>(newestSeen.keySet());
      dropped.removeAll(projects);
      newestSeen.keySet().retainAll(projects);
    }
    dropped.forEach(startingPoints::forget);
    for (long projectId : projects) {
      if (closed) {
        return;
      }
      List<Task> recent;
      try {
        recent = client.lastTasks((int) projectId, DISCOVERY_WINDOW);
      } catch (SemaphoreException e) {
        LOG.debug("Looking for new tasks in project {} failed: {}", projectId, e.getMessage());
        continue;
      }
      List<TaskRef> fresh = new ArrayList<>();
      long newest = newestOf(recent);
      Long before;
      synchronized (this) {
        before = newestSeen.get(projectId);
        newestSeen.put(projectId, Math.max(newest, before == null ? 0 : before));
        for (Task t : recent) {
          TaskRef ref = new TaskRef(projectId, t.id());
          if (following.containsKey(ref)) {
            listed.put(ref, t);
          } else if (before != null
              && t.id() > before
              && !ended.contains(ref)
              && !gone.containsKey(ref)) {
            // Started since the last look, by someone else or a schedule.
            listed.put(ref, t);
            following.put(ref, false);
            fresh.add(ref);
          }
        }
      }
      fresh.forEach(ref -> watcher.watch((int) ref.projectId(), (int) ref.taskId()));
      if (before == null || newest > before) {
        startingPoints.save(projectId, Math.max(newest, before == null ? 0 : before));
      }
    }
  }

  private static long newestOf(List<Task> tasks) {
    return tasks.stream().mapToLong(Task::id).max().orElse(0);
  }

  private void onEvent(TaskEvent event) {
    TaskRef ref = new TaskRef(event.projectId(), event.taskId());
    switch (event) {
      case TaskEvent.StatusChanged c -> {
        TaskState state = PortMapping.state(c.to());
        if (c.to().isTerminal()) {
          deliverEnd(ref, state);
        } else {
          sink.accept(describe(ref, state));
        }
      }
      case TaskEvent.Finished f -> {
        synchronized (this) {
          ended.finished(ref, System.nanoTime());
          following.remove(ref);
        }
      }
      case TaskEvent.Vanished v -> {
        synchronized (this) {
          following.remove(ref);
          gone.put(ref, System.nanoTime());
        }
        LOG.warn("Task {} can no longer be followed: {}", ref, v.reason());
        // The bot ends the run in chat; otherwise it would list the task as active forever.
        sink.accept(describe(ref, TaskState.VANISHED));
      }
      case TaskEvent.LogLine l -> {
        // Output reaches chat through the runner's output reads, which also survive restarts.
      }
    }
  }

  private void deliverEnd(TaskRef ref, TaskState state) {
    synchronized (this) {
      ended.delivering(ref);
      following.remove(ref);
    }
    try {
      sink.accept(describe(ref, state));
    } finally {
      synchronized (this) {
        ended.delivered(ref, System.nanoTime());
      }
    }
  }

  /** Fresh details for an event; what the last list showed if the task cannot be read now. */
  private TaskInfo describe(TaskRef ref, TaskState state) {
    Optional<Task> fromList;
    synchronized (this) {
      fromList = Optional.ofNullable(state.terminal() ? listed.remove(ref) : listed.get(ref));
    }
    Optional<Task> details;
    try {
      details = Optional.of(client.task((int) ref.projectId(), (int) ref.taskId()));
    } catch (SemaphoreException e) {
      LOG.debug("Task {} details unavailable: {}", ref, e.getMessage());
      details = fromList;
    }
    if (details.isEmpty()) {
      return TaskInfo.of(ref, 0, state);
    }
    TaskInfo info = PortMapping.taskInfo(ref, details.get(), state);
    return new TaskInfo(
        ref,
        info.templateId(),
        state,
        info.start(),
        info.end(),
        info.templateName().or(() -> fromList.flatMap(Task::templateName)),
        info.startedBy().or(() -> fromList.flatMap(Task::userName)));
  }

  private void run() {
    // A cause that lasts (Semaphore or the store away) fails every refresh: said once each way.
    int failedRefreshes = 0;
    Duration retry = FIRST_RETRY;
    while (!closed) {
      Duration pause = refreshEvery;
      try {
        refresh();
        if (failedRefreshes > 0) {
          LOG.info("Refreshing the watched Semaphore tasks works again");
          failedRefreshes = 0;
          retry = FIRST_RETRY;
        }
      } catch (RuntimeException e) {
        if (failedRefreshes++ == 0) {
          LOG.warn(
              "Refreshing the watched Semaphore tasks failed: {}. Retrying soon, then at most"
                  + " {} s apart; a line follows when it works again.",
              e.toString(),
              refreshEvery.toSeconds());
        } else {
          LOG.debug("Refreshing the watched Semaphore tasks failed again: {}", e.toString());
        }
        pause = shorter(retry, refreshEvery);
        retry = shorter(retry.multipliedBy(2), refreshEvery);
      }
      try {
        if (wake.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    try {
      if (loop.isAlive()) {
        loop.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watcher.close();
  }
}
