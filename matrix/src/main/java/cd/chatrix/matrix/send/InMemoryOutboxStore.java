package cd.chatrix.matrix.send;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox for tests; keeps insertion order. */
public final class InMemoryOutboxStore implements OutboxStore {
  private final Map<String, PendingSend> sends = new LinkedHashMap<>();

  @Override
  public synchronized void add(PendingSend send) {
    sends.put(send.txnId(), send);
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
