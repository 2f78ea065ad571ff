package cd.chatrix.matrix.sync;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * A sync state store for tests and the benchmark; survives engine restarts, not the process. Keeps
 * the newest handled ids up to a cap.
 */
public final class InMemorySyncStateStore implements SyncStateStore {
  public static final int KEEP_IDS = 10_000;

  private final LinkedHashSet<String> handled = new LinkedHashSet<>();
  private volatile String since;

  @Override
  public Optional<String> since() {
    return Optional.ofNullable(since);
  }

  @Override
  public synchronized boolean isHandled(String eventId) {
    return handled.contains(eventId);
  }

  @Override
  public synchronized void markHandled(String eventId) {
    handled.add(eventId);
  }

  @Override
  public synchronized void commit(String nextBatch, Collection<String> batchEventIds) {
    since = nextBatch;
    while (handled.size() > KEEP_IDS) {
      handled.removeFirst();
    }
  }

  public synchronized int handledCount() {
    return handled.size();
  }
}
