package cd.chatrix.testkit.semaphore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every request the simulator saw, in arrival order. Bounded so long benchmarks do not fill the
 * heap.
 */
public final class RequestLog {
  private static final int KEEP = 50_000;
  private final List<RecordedRequest> entries = new ArrayList<>();
  private final AtomicLong total = new AtomicLong();

  synchronized void add(RecordedRequest request) {
    total.incrementAndGet();
    if (entries.size() >= KEEP) {
      entries.subList(0, KEEP / 2).clear();
    }
    entries.add(request);
  }

  public synchronized List<RecordedRequest> all() {
    return List.copyOf(entries);
  }

  public synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> filter) {
    return entries.stream().filter(filter).toList();
  }

  public synchronized long count(String method, String pathPrefix) {
    return entries.stream().filter(r -> r.is(method, pathPrefix)).count();
  }

  /** Requests ever received, including ones dropped from the bounded list. */
  public long total() {
    return total.get();
  }

  public synchronized void clear() {
    entries.clear();
  }
}
