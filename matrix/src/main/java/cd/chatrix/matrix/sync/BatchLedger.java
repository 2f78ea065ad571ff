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
    int open;

    Entry(String nextBatch, List<String> eventIds, int open) {
      this.nextBatch = nextBatch;
      this.eventIds = eventIds;
      this.open = open;
    }
  }

  private final SyncStateStore store;
  private final int maxOpenBatches;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Entry> open = new ArrayDeque<>();

  BatchLedger(SyncStateStore store, int maxOpenBatches) {
    this.store = store;
    this.maxOpenBatches = maxOpenBatches;
  }

  /** A handle the event tasks of one batch report to. */
  final class Ticket {
    private final Entry entry;

    private Ticket(Entry entry) {
      this.entry = entry;
    }

    void eventDone() {
      lock.lock();
      try {
        entry.open--;
        commitReady();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Opens a batch with {@code openEvents} events still to handle (may be zero). */
  Ticket open(String nextBatch, List<String> eventIds, int openEvents) {
    lock.lock();
    try {
      Entry entry = new Entry(nextBatch, new ArrayList<>(eventIds), openEvents);
      open.addLast(entry);
      commitReady();
      return new Ticket(entry);
    } finally {
      lock.unlock();
    }
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

  private void commitReady() {
    while (!open.isEmpty() && open.peekFirst().open <= 0) {
      Entry done = open.removeFirst();
      store.commit(done.nextBatch, done.eventIds);
      changed.signalAll();
    }
  }
}
