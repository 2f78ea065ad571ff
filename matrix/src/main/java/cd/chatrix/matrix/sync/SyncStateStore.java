package cd.chatrix.matrix.sync;

import java.util.Collection;
import java.util.Optional;

/**
 * Where the sync position and the handled event ids survive a crash. The engine records an event as
 * handled right after its handlers return, and commits a batch's {@code next_batch} only when every
 * event of that batch (and of all earlier batches) is handled. After a crash the engine re-reads
 * from the committed position and skips ids already recorded, so nothing is skipped and nothing is
 * handled twice. The app implements this on its database; each method must be durable on return.
 */
public interface SyncStateStore {
  /** The committed position; empty before the first completed sync after a fresh login. */
  Optional<String> since();

  boolean isHandled(String eventId);

  void markHandled(String eventId);

  /**
   * Atomically moves the position to {@code nextBatch}. By the spec the ids of that batch do not
   * come back in later syncs, but servers have been seen re-sending recent timeline events (for
   * example with {@code full_state}), so keep handled ids for a while (the in-memory store keeps
   * the newest 10,000) and forget only old ones.
   */
  void commit(String nextBatch, Collection<String> batchEventIds);
}
