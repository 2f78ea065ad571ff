package cd.chatrix.matrix.sync;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time per key (room) in submission order, with different keys in parallel on
 * virtual threads. Closing it drops queued tasks: what has not started is not done, and the sync
 * store knows it.
 */
public final class RoomSerialExecutor implements AutoCloseable {
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean closed;

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
    if (closed) {
      return;
    }
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
    pending.incrementAndGet();
    lane.queue.add(task);
    if (lane.running.compareAndSet(false, true)) {
      threads.execute(lane::drain);
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
    try {
      if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.shutdownNow();
    }
  }
}
