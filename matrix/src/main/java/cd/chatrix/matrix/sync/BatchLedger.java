package cd.chatrix.matrix.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tracks the events handed to handlers and not yet done, and commits each response's position
 * strictly in order once all its events (and all earlier ones) are done. It also bounds how far the
 * sync loop may run ahead of slow handlers, in responses and in events: what the bot has not taken
 * in yet stays on the homeserver, not in memory.
 *
 * <p>An entry is a response's own timeline (it carries the position) or one page of a gap the loop
 * back-fills before it (no position: the response's entry, behind it, moves the position once the
 * whole gap is handled).
 */
final class BatchLedger {
  private static final class Entry {
    final Optional<String> nextBatch;
    final List<String> eventIds;
    final long receivedNanos;
    final int events;
    int open;

    Entry(Optional<String> nextBatch, List<String> eventIds, int open, int events, long received) {
      this.nextBatch = nextBatch;
      this.eventIds = eventIds;
      this.open = open;
      this.events = events;
      this.receivedNanos = received;
    }
  }

  /** Told, outside the lock, about each committed position: (arrival time in nanos, events). */
  interface Committed {
    Committed NONE = (receivedNanos, events) -> {};

    void batch(long receivedNanos, int events);
  }

  /** How many responses and how many events may wait for handlers before the loop pauses. */
  record Bounds(int maxOpenBatches, int maxOpenEvents) {}

  private final SyncStateStore store;
  private final Bounds bounds;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Entry> open = new ArrayDeque<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Committed committed;
  private int openEvents;

  BatchLedger(SyncStateStore store, Bounds bounds) {
    this(store, bounds, Committed.NONE);
  }

  BatchLedger(SyncStateStore store, Bounds bounds, Committed committed) {
    this.store = store;
    this.bounds = bounds;
    this.committed = committed;
  }

  /** A handle the event tasks of one entry report to. */
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
        openEvents--;
        done = commitReady();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      tell(done);
    }
  }

  /** Opens a response with {@code openEvents} events still to handle (may be zero). */
  Ticket open(String nextBatch, List<String> eventIds, int openEvents) {
    return open(nextBatch, eventIds, openEvents, openEvents, System.nanoTime());
  }

  /**
   * The same, for a response that arrived at {@code receivedNanos} ({@link System#nanoTime}) and
   * had {@code events} events in all (its gap's pages included), for the timing listeners.
   */
  Ticket open(
      String nextBatch, List<String> eventIds, int openEvents, int events, long receivedNanos) {
    return add(new Entry(Optional.of(nextBatch), eventIds, openEvents, events, receivedNanos));
  }

  /** Opens one page of a gap: its events are tracked and bounded, but it moves no position. */
  Ticket openPage(List<String> eventIds, int openEvents) {
    return add(new Entry(Optional.empty(), eventIds, openEvents, openEvents, System.nanoTime()));
  }

  private Ticket add(Entry entry) {
    List<Entry> done;
    lock.lock();
    try {
      open.addLast(entry);
      inFlight.addAll(entry.eventIds);
      openEvents += entry.open;
      done = commitReady();
    } finally {
      lock.unlock();
    }
    tell(done);
    return new Ticket(entry);
  }

  /**
   * Whether the event was handed to handlers and its entry is not committed yet: a response taken
   * in again after a failure must not hand it over a second time.
   */
  boolean inFlight(String eventId) {
    lock.lock();
    try {
      return inFlight.contains(eventId);
    } finally {
      lock.unlock();
    }
  }

  /** Blocks the sync loop while too much is unfinished; false if interrupted. */
  boolean awaitRoom() {
    lock.lock();
    try {
      while (open.size() >= bounds.maxOpenBatches() || openEvents >= bounds.maxOpenEvents()) {
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

  int openEvents() {
    lock.lock();
    try {
      return openEvents;
    } finally {
      lock.unlock();
    }
  }

  private List<Entry> commitReady() {
    List<Entry> committedNow = List.of();
    while (!open.isEmpty() && open.peekFirst().open <= 0) {
      Entry done = open.removeFirst();
      done.nextBatch.ifPresent(position -> store.commit(position, done.eventIds));
      done.eventIds.forEach(inFlight::remove);
      changed.signalAll();
      if (done.nextBatch.isPresent()) {
        if (committedNow.isEmpty()) {
          committedNow = new ArrayList<>();
        }
        committedNow.add(done);
      }
    }
    return committedNow;
  }

  private void tell(List<Entry> done) {
    for (Entry entry : done) {
      committed.batch(entry.receivedNanos, entry.events);
    }
  }
}
