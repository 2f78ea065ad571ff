package cd.chatrix.matrix.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time per key (room) in submission order, with different keys in parallel on
 * virtual threads. Closing it drops queued tasks: what has not started is not done, and the sync
 * store knows it.
 *
 * <p>A caller may also take an idle room's lane itself ({@link #submitClaiming}) and work it on its
 * own thread ({@link #runHere}): the sync loop does so for the first event of an idle room, which
 * then needs no thread of its own to be started and scheduled before its handler runs. Such a
 * caller counts as one of the executor's threads when it closes.
 */
public final class RoomSerialExecutor implements AutoCloseable {
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Set<Thread> callersWorking = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A room's lane taken by the caller: work it with {@link #runHere} or {@link #start}, once. */
  public final class Claimed {
    private final Lane lane;

    private Claimed(Lane lane) {
      this.lane = lane;
    }
  }

  private final class Lane {
    final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    final AtomicBoolean running = new AtomicBoolean();

    void drain() {
      do {
        Runnable task;
        while (!closed && (task = queue.poll()) != null) {
          try {
            task.run();
          } finally {
            pending.decrementAndGet();
          }
        }
        running.set(false);
      } while (!closed && !queue.isEmpty() && running.compareAndSet(false, true));
    }
  }

  public void submit(String key, Runnable task) {
    submitClaiming(key, task).ifPresent(this::start);
  }

  /**
   * Queues {@code task}; when the room's lane was idle, the caller gets it instead of a new thread,
   * and must then {@link #runHere} or {@link #start} it. Tasks queued meanwhile wait behind.
   */
  public Optional<Claimed> submitClaiming(String key, Runnable task) {
    if (closed) {
      return Optional.empty();
    }
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
    pending.incrementAndGet();
    lane.queue.add(task);
    return lane.running.compareAndSet(false, true)
        ? Optional.of(new Claimed(lane))
        : Optional.empty();
  }

  /** Works a claimed lane on a thread of its own, as {@link #submit} does. */
  public void start(Claimed claimed) {
    try {
      threads.execute(claimed.lane::drain);
    } catch (RejectedExecutionException closing) {
      // Closed since the lane was claimed: its queued tasks are dropped, as closing says.
    }
  }

  /**
   * Works a claimed lane on the calling thread until it is empty. Closing waits for it as for the
   * executor's own threads, and interrupts it once the grace period is over.
   */
  public void runHere(Claimed claimed) {
    Thread me = Thread.currentThread();
    callersWorking.add(me);
    try {
      claimed.lane.drain();
    } finally {
      callersWorking.remove(me);
    }
  }

  /** Tasks submitted and not yet finished. */
  public int pending() {
    return pending.get();
  }

  @Override
  public void close() {
    closeWithin(java.time.Duration.ofSeconds(10));
  }

  /** Drops queued tasks, waits for running ones up to {@code grace}, then interrupts them. */
  public void closeWithin(java.time.Duration grace) {
    closed = true;
    threads.shutdown();
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      boolean done = threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      done &= awaitCallers(deadline);
      if (!done) {
        threads.shutdownNow();
        callersWorking.forEach(Thread::interrupt);
        long more = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        threads.awaitTermination(5, TimeUnit.SECONDS);
        awaitCallers(more);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.shutdownNow();
      callersWorking.forEach(Thread::interrupt);
    }
  }

  /** Whether every caller working a lane here finished by {@code deadline} (nanoTime). */
  private boolean awaitCallers(long deadline) throws InterruptedException {
    for (Thread caller : List.copyOf(callersWorking)) {
      if (caller == Thread.currentThread()) {
        continue; // closed from a handler: it cannot wait for itself
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !caller.join(java.time.Duration.ofNanos(left))) {
        return false;
      }
    }
    return callersWorking.stream().allMatch(t -> t == Thread.currentThread());
  }
}
