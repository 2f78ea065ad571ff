package cd.chatrix.matrix.send;

import java.util.List;

/**
 * Keeps sends (with their transaction ids) from the moment they are queued until the server
 * confirmed them. The app implements it on its database; the sender re-sends what is left at
 * start-up. Each method must be durable on return.
 */
public interface OutboxStore {
  /**
   * Records a send; a re-added send keeps its place. When it has a {@link PendingSend#cause()
   * cause}, a store that also keeps the sync engine's handled event ids marks the cause handled in
   * the same transaction and returns {@code true}; otherwise it returns {@code false} and the
   * engine marks the cause itself once its handlers returned.
   */
  boolean add(PendingSend send);

  void remove(String txnId);

  /** In the order they were added. */
  List<PendingSend> pending();
}
