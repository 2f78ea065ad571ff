package cd.chatrix.matrix.send;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox for tests; keeps insertion order. */
public final class InMemoryOutboxStore implements OutboxStore {
  private final Map<String, PendingSend> sends = new LinkedHashMap<>();

  @Override
  public synchronized boolean add(PendingSend send) {
    sends.putIfAbsent(send.txnId(), send);
    return false;
  }

  @Override
  public synchronized void remove(String txnId) {
    sends.remove(txnId);
  }

  @Override
  public synchronized List<PendingSend> pending() {
    return new ArrayList<>(sends.values());
  }
}
