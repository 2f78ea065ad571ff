package cd.chatrix.app.store.matrix;

import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.send.OutboxStore;
import cd.chatrix.matrix.send.PendingSend;
import cd.chatrix.matrix.sync.SyncStateStore;
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
 * table. A send is written when the bot hands it over, before any request: its room, what it is
 * (event type or redaction), its content and its transaction id, so a send interrupted by a crash
 * is delivered at the next start with the same id and the homeserver drops a repeat.
 *
 * <p>When the send answers a room event (its cause), the same transaction marks that event handled
 * in {@code processed_events}: after a crash the bot either has the reply queued and the command
 * marked, or neither, so it never answers twice and never forgets to answer.
 *
 * <p>Room events are stored as the bot wrote them and encrypted at delivery, so in an encrypted
 * room a queued message is in clear text in the database until the homeserver took it (the same
 * database holds the room keys). Rows of earlier versions (a full path and an encrypted body) are
 * repeated as stored. The outbox only holds sends not yet confirmed, so it stays small.
 */
public final class SqlOutboxStore implements OutboxStore {
  static final String NAMESPACE = "matrix.outbox";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Store store;
  private final KeyValueStore values;
  private final SyncStateStore handled;
  private final AtomicLong sequence;

  /** An outbox on {@code store} that marks causes handled in its sync state store. */
  public SqlOutboxStore(Store store) {
    this(store, new KeyValueStore(store), new SqlSyncStateStore(store));
  }

  /**
   * @param handled where the sync engine records handled events; must live in {@code store}, so
   *     marking a cause commits with the send
   */
  public SqlOutboxStore(Store store, KeyValueStore values, SyncStateStore handled) {
    this.store = store;
    this.values = values;
    this.handled = handled;
    long highest =
        values.entries(NAMESPACE).values().stream()
            .mapToLong(v -> read(v).path("seq").asLong(0))
            .max()
            .orElse(0);
    this.sequence = new AtomicLong(highest);
  }

  @Override
  public boolean add(PendingSend send) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("seq", sequence.incrementAndGet());
    entry.put("room_id", send.roomId());
    switch (send.target()) {
      case PendingSend.Event e -> entry.put("type", e.type());
      case PendingSend.Redaction r -> entry.put("redacts", r.eventId());
      case PendingSend.Prepared p -> entry.put("path", p.path());
    }
    entry.put("body", send.bodyJson());
    send.cause().ifPresent(c -> entry.put("cause", c));
    String row = JSON.writeValueAsString(entry);
    store.doInTransaction(tx -> {
      // Re-adding a send (a resend at start-up) must keep its place in the queue.
      values.compareAndSet(NAMESPACE, send.txnId(), Optional.empty(), Optional.of(row));
      send.cause().ifPresent(handled::markHandled);
    });
    return send.cause().isPresent();
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
        .map(e -> toSend(e.getKey(), e.getValue()))
        .toList();
  }

  private static PendingSend toSend(String txnId, JsonNode row) {
    PendingSend.Target target;
    if (row.hasNonNull("type")) {
      target = new PendingSend.Event(row.path("type").asString());
    } else if (row.hasNonNull("redacts")) {
      target = new PendingSend.Redaction(row.path("redacts").asString());
    } else {
      target = new PendingSend.Prepared(row.path("path").asString(""));
    }
    Optional<String> cause =
        row.hasNonNull("cause") ? Optional.of(row.path("cause").asString()) : Optional.empty();
    return new PendingSend(
        txnId, row.path("room_id").asString(""), target, row.path("body").asString("{}"), cause);
  }

  private static JsonNode read(String value) {
    return JSON.readTree(value);
  }
}
