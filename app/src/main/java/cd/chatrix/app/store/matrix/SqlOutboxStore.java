package cd.chatrix.app.store.matrix;

import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.matrix.send.OutboxStore;
import cd.chatrix.matrix.send.PendingSend;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the homeserver has not confirmed yet, keyed by transaction id in the store's key/value
 * table. Each entry keeps the full request (path with the transaction id, and body), so a send
 * interrupted by a crash is repeated with the same id at the next start and the homeserver drops
 * the duplicate. The outbox only ever holds in-flight sends, so it stays small.
 */
public final class SqlOutboxStore implements OutboxStore {
  static final String NAMESPACE = "matrix.outbox";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KeyValueStore values;
  private final AtomicLong sequence;

  public SqlOutboxStore(KeyValueStore values) {
    this.values = values;
    long highest =
        values.entries(NAMESPACE).values().stream()
            .mapToLong(v -> read(v).path("seq").asLong(0))
            .max()
            .orElse(0);
    this.sequence = new AtomicLong(highest);
  }

  @Override
  public void add(PendingSend send) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("seq", sequence.incrementAndGet());
    entry.put("room_id", send.roomId());
    entry.put("path", send.path());
    entry.put("body", send.bodyJson());
    // Re-adding a send (a resend at start-up) must keep its place in the queue.
    values.compareAndSet(
        NAMESPACE, send.txnId(), Optional.empty(), Optional.of(JSON.writeValueAsString(entry)));
  }

  @Override
  public void remove(String txnId) {
    values.delete(NAMESPACE, txnId);
  }

  @Override
  public List<PendingSend> pending() {
    Map<String, String> entries = values.entries(NAMESPACE);
    return entries.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), read(e.getValue())))
        .sorted(Comparator.comparingLong(e -> e.getValue().path("seq").asLong(0)))
        .map(e ->
            new PendingSend(
                e.getKey(),
                e.getValue().path("room_id").asString(""),
                e.getValue().path("path").asString(""),
                e.getValue().path("body").asString("{}")))
        .toList();
  }

  private static JsonNode read(String value) {
    return JSON.readTree(value);
  }
}
