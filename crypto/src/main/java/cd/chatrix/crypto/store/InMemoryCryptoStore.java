package cd.chatrix.crypto.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CryptoStore} in maps: for tests and for throw-away runs; nothing survives the JVM. */
public final class InMemoryCryptoStore implements CryptoStore {
  private String account;
  private final Map<String, Map<String, StoredOlmSession>> olm = new HashMap<>();
  private final Map<String, StoredInboundGroupSession> inbound = new HashMap<>();
  private final Map<String, StoredOutboundGroupSession> outbound = new HashMap<>();
  private final Map<String, Map<String, Device>> devices = new HashMap<>();
  private final Map<String, Boolean> tracked = new LinkedHashMap<>();
  private final Map<String, String> indexOwners = new HashMap<>();
  private final Map<String, StoredRequest> requests = new LinkedHashMap<>();
  private final Map<String, List<PendingEvent>> pending = new HashMap<>();
  private final Map<String, String> values = new HashMap<>();
  private final java.util.Set<String> backedUp = new java.util.HashSet<>();

  @Override
  public synchronized Optional<String> accountPickle() {
    return Optional.ofNullable(account);
  }

  @Override
  public synchronized void saveAccountPickle(String pickle) {
    account = pickle;
  }

  @Override
  public synchronized List<StoredOlmSession> olmSessions(String senderKey) {
    return List.copyOf(olm.getOrDefault(senderKey, Map.of()).values());
  }

  @Override
  public synchronized void saveOlmSession(StoredOlmSession session) {
    olm.computeIfAbsent(session.senderKey(), k -> new LinkedHashMap<>())
        .put(session.sessionId(), session);
  }

  @Override
  public synchronized void saveOlmSessionWithAccount(StoredOlmSession session, String pickle) {
    saveOlmSession(session);
    account = pickle;
  }

  @Override
  public synchronized Optional<StoredInboundGroupSession> inboundGroupSession(
      String roomId, String sessionId) {
    return Optional.ofNullable(inbound.get(roomId + "|" + sessionId));
  }

  @Override
  public synchronized void saveInboundGroupSession(StoredInboundGroupSession session) {
    inbound.put(session.roomId() + "|" + session.sessionId(), session);
    backedUp.remove(session.roomId() + "|" + session.sessionId());
  }

  @Override
  public synchronized Optional<StoredOutboundGroupSession> outboundGroupSession(String roomId) {
    return Optional.ofNullable(outbound.get(roomId));
  }

  @Override
  public synchronized void saveOutboundGroupSession(StoredOutboundGroupSession session) {
    outbound.put(session.roomId(), session);
  }

  @Override
  public synchronized void removeOutboundGroupSession(String roomId) {
    outbound.remove(roomId);
  }

  @Override
  public synchronized Map<String, Device> devices(String userId) {
    return Map.copyOf(devices.getOrDefault(userId, Map.of()));
  }

  @Override
  public synchronized void saveDevices(String userId, Map<String, Device> list) {
    devices.put(userId, new LinkedHashMap<>(list));
  }

  @Override
  public synchronized Map<String, Boolean> trackedUsers() {
    return new LinkedHashMap<>(tracked);
  }

  @Override
  public synchronized void saveTrackedUser(String userId, boolean outdated) {
    tracked.put(userId, outdated);
  }

  @Override
  public synchronized void removeTrackedUser(String userId) {
    tracked.remove(userId);
  }

  @Override
  public synchronized Optional<String> messageIndexOwner(
      String roomId, String sessionId, int index) {
    return Optional.ofNullable(indexOwners.get(roomId + "|" + sessionId + "|" + index));
  }

  @Override
  public synchronized void saveMessageIndexOwner(
      String roomId, String sessionId, int index, String eventId) {
    indexOwners.put(roomId + "|" + sessionId + "|" + index, eventId);
  }

  @Override
  public synchronized List<StoredRequest> outgoingRequests() {
    return List.copyOf(requests.values());
  }

  @Override
  public synchronized void saveOutgoingRequest(StoredRequest request) {
    requests.put(request.id(), request);
  }

  @Override
  public synchronized void removeOutgoingRequest(String id) {
    requests.remove(id);
  }

  @Override
  public synchronized List<PendingEvent> pendingEvents(String roomId, String sessionId) {
    return List.copyOf(pending.getOrDefault(roomId + "|" + sessionId, List.of()));
  }

  @Override
  public synchronized void savePendingEvent(PendingEvent event) {
    List<PendingEvent> list =
        pending.computeIfAbsent(event.roomId() + "|" + event.sessionId(), k -> new ArrayList<>());
    list.removeIf(e -> e.eventId().equals(event.eventId()));
    list.add(event);
  }

  @Override
  public synchronized void removePendingEvents(String roomId, String sessionId) {
    pending.remove(roomId + "|" + sessionId);
  }

  @Override
  public synchronized Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public synchronized void saveValue(String key, String value) {
    values.put(key, value);
  }

  @Override
  public synchronized void removeValue(String key) {
    values.remove(key);
  }

  @Override
  public synchronized List<StoredInboundGroupSession> inboundGroupSessionsToBackUp(int limit) {
    return inbound.entrySet().stream()
        .filter(e -> !backedUp.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void markBackedUp(List<StoredInboundGroupSession> sessions) {
    for (StoredInboundGroupSession s : sessions) {
      String key = s.roomId() + "|" + s.sessionId();
      // Only the version that was uploaded counts; a better copy saved since must go up again.
      if (s.equals(inbound.get(key))) {
        backedUp.add(key);
      }
    }
  }

  @Override
  public synchronized void resetBackupState() {
    backedUp.clear();
  }
}
