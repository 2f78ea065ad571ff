package cd.chatrix.matrix.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tracks batches whose events are still being handled, and commits their positions strictly in
 * order once all their events are done. It also bounds how far the sync loop may run ahead of slow
 * handlers.
 */
final class BatchLedger {
  private static final class Entry {
    final String nextBatch;
    final List<String> eventIds;
    final long receivedNanos;
    final int events;
    int open;

    Entry(String nextBatch, List<String> eventIds, int open, long receivedNanos) {
      this.nextBatch = nextBatch;
      this.eventIds = eventIds;
      this.open = open;
      this.receivedNanos = receivedNanos;
      this.events = open;
    }
  }

  /** Told, outside the lock, about each committed batch: (arrival time in nanos, events). */
  interface Committed {
    Committed NONE = (receivedNanos, events) -> {};

    void batch(long receivedNanos, int events);
  }

  private final SyncStateStore store;
  private final int maxOpenBatches;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Entry> open = new ArrayDeque<>();
  private final Committed committed;

  BatchLedger(SyncStateStore store, int maxOpenBatches) {
    this(store, maxOpenBatches, Committed.NONE);
  }

  BatchLedger(SyncStateStore store, int maxOpenBatches, Committed committed) {
    this.store = store;
    this.maxOpenBatches = maxOpenBatches;
    this.committed = committed;
  }

  /** A handle the event tasks of one batch report to. */
  final class Ticket {
    private final Entry entry;

    private Ticket(Entry entry) {
      this.entry = entry;
    }

    void eventDone() {
      List<Entry> done;
      lock.lock();
      try {
        entry.open--;
        done = commitReady();
      } finally {
        lock.unlock();
      }
      tell(done);
    }
  }

  /** Opens a batch with {@code openEvents} events still to handle (may be zero). */
  Ticket open(String nextBatch, List<String> eventIds, int openEvents) {
    return open(nextBatch, eventIds, openEvents, System.nanoTime());
  }

  /** The same, for a response that arrived at {@code receivedNanos} ({@link System#nanoTime}). */
  Ticket open(String nextBatch, List<String> eventIds, int openEvents, long receivedNanos) {
    Ticket ticket;
    List<Entry> done;
    lock.lock();
    try {
      Entry entry = new Entry(nextBatch, new ArrayList<>(eventIds), openEvents, receivedNanos);
      open.addLast(entry);
      done = commitReady();
      ticket = new Ticket(entry);
    } finally {
      lock.unlock();
    }
    tell(done);
    return ticket;
  }

  /** Blocks the sync loop while too many batches are unfinished; false if interrupted. */
  boolean awaitRoom() {
    lock.lock();
    try {
      while (open.size() >= maxOpenBatches) {
        changed.await();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  int openBatches() {
    lock.lock();
    try {
      return open.size();
    } finally {
      lock.unlock();
    }
  }

  private List<Entry> commitReady() {
    List<Entry> committedNow = List.of();
    while (!open.isEmpty() && open.peekFirst().open <= 0) {
      Entry done = open.removeFirst();
      store.commit(done.nextBatch, done.eventIds);
      changed.signalAll();
      if (committedNow.isEmpty()) {
        committedNow = new ArrayList<>();
      }
      committedNow.add(done);
    }
    return committedNow;
  }

  private void tell(List<Entry> done) {
    for (Entry entry : done) {
      committed.batch(entry.receivedNanos, entry.events);
    }
  }
}
