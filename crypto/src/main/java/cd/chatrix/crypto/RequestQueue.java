package cd.chatrix.crypto;

import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.StoredRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests handed out but not yet acknowledged. To-device requests are persisted because their Olm
 * ciphertext already advanced a ratchet; the other kinds are rebuilt from state after a restart.
 */
final class RequestQueue {
  private final Map<String, OutgoingRequest> pending = new LinkedHashMap<>();
  private final CryptoStore store;

  RequestQueue(CryptoStore store) {
    this.store = store;
    for (StoredRequest stored : store.outgoingRequests()) {
      JsonNode n = CanonicalJson.parse(stored.json());
      pending.put(
          stored.id(),
          new OutgoingRequest.ToDevice(
              stored.id(),
              n.get("event_type").asString(),
              n.get("txn_id").asString(),
              n.get("body")));
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  void add(OutgoingRequest request) {
    pending.put(request.id(), request);
    if (request instanceof OutgoingRequest.ToDevice td) {
      ObjectNode n = CanonicalJson.object();
      n.put("event_type", td.eventType());
      n.put("txn_id", td.txnId());
      n.set("body", td.body());
      store.saveOutgoingRequest(new StoredRequest(td.id(), CanonicalJson.encode(n)));
    }
  }

  OutgoingRequest.ToDevice toDevice(String eventType, ObjectNode messages) {
    return toDevice(newId(), eventType, messages);
  }

  /** A to-device request under an id chosen beforehand (also its transaction id). */
  OutgoingRequest.ToDevice toDevice(String id, String eventType, ObjectNode messages) {
    ObjectNode body = CanonicalJson.object();
    body.set("messages", messages);
    var request = new OutgoingRequest.ToDevice(id, eventType, id, body);
    add(request);
    return request;
  }

  Optional<OutgoingRequest> remove(String id) {
    OutgoingRequest removed = pending.remove(id);
    if (removed instanceof OutgoingRequest.ToDevice) {
      store.removeOutgoingRequest(id);
    }
    return Optional.ofNullable(removed);
  }

  boolean contains(String id) {
    return pending.containsKey(id);
  }

  boolean hasPending(Class<? extends OutgoingRequest> type) {
    return pending.values().stream().anyMatch(type::isInstance);
  }

  List<OutgoingRequest> all() {
    return new ArrayList<>(pending.values());
  }
}
