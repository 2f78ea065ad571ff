package cd.chatrix.matrix.send;

import java.util.List;

/**
 * Keeps sends (with their transaction ids) from before the request until the server confirmed them.
 * The app implements it on its database; the sender re-sends what is left at start-up.
 */
public interface OutboxStore {
  void add(PendingSend send);

  void remove(String txnId);

  /** In the order they were added. */
  List<PendingSend> pending();
}
