package cd.chatrix.app.boot.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the orderly end of the process. Parts register as they start; on SIGINT/SIGTERM (the JVM's
 * shutdown hook), or when {@link #requestStop()} is called (e.g. {@code !cd exit}), they are closed
 * in reverse order, each within its share of a fixed budget, so a hung part cannot keep the process
 * alive.
 */
public final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final Duration budgetPerPart;
  private final Deque<NamedPart> parts = new ArrayDeque<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  public Shutdown(Duration budgetPerPart) {
    this.budgetPerPart = budgetPerPart;
  }

  private record NamedPart(String name, AutoCloseable part) {}

  /**
   * Registers a part to be closed on shutdown; parts close in the reverse order of registration.
   */
  public synchronized void register(String name, AutoCloseable part) {
    parts.push(new NamedPart(name, part));
  }

  /** Installs the JVM hook so that SIGINT and SIGTERM stop every part before the process exits. */
  public void installSignalHook() {
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("chatrixcd-shutdown").unstarted(this::stopAll));
  }

  /** Asks the process to stop; the thread blocked in {@link #awaitStopRequest()} carries it out. */
  public void requestStop() {
    stopRequested.countDown();
  }

  /** Whether a stop was requested; long start-up steps look here between attempts. */
  public boolean stopRequested() {
    return stopRequested.getCount() == 0;
  }

  /** Blocks until a stop is requested by a signal or by {@link #requestStop()}. */
  public void awaitStopRequest() throws InterruptedException {
    stopRequested.await();
  }

  /** Closes every registered part once, newest first; later calls wait for the first one to end. */
  public void stopAll() {
    stopRequested.countDown();
    if (!stopping.compareAndSet(false, true)) {
      awaitStopped();
      return;
    }
    try (ExecutorService closer = Executors.newVirtualThreadPerTaskExecutor()) {
      NamedPart next;
      while ((next = poll()) != null) {
        closeWithin(closer, next);
      }
    } finally {
      stopped.countDown();
    }
  }

  private synchronized NamedPart poll() {
    return parts.poll();
  }

  private void closeWithin(ExecutorService closer, NamedPart named) {
    Future<?> closing =
        closer.submit(() -> {
          named.part().close();
          return null;
        });
    try {
      closing.get(budgetPerPart.toMillis(), TimeUnit.MILLISECONDS);
      log.debug("Stopped {}", named.name());
    } catch (TimeoutException e) {
      closing.cancel(true);
      log.warn("{} did not stop within {} s; moving on", named.name(), budgetPerPart.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("{} failed while stopping: {}", named.name(), e.getMessage());
    }
  }

  private void awaitStopped() {
    try {
      stopped.await(
          budgetPerPart.toMillis() * Math.max(1, parts.size() + 1), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
