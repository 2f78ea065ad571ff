package cd.chatrix.app.store.crypto;

import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.Tx;
import cd.chatrix.crypto.store.CryptoStore;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.store.PendingEvent;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import cd.chatrix.crypto.store.StoredOlmSession;
import cd.chatrix.crypto.store.StoredOutboundGroupSession;
import cd.chatrix.crypto.store.StoredRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CryptoStore} on the store's database (tables from {@link CryptoTables}). Every call is one
 * transaction; the pickles it stores are already sealed by the machine.
 */
public final class SqlCryptoStore implements CryptoStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Store store;
  private final CryptoUpserts upserts;

  public SqlCryptoStore(Store store) {
    if (store.schemaVersion() < CryptoTables.CRYPTO_VERSION) {
      throw new IllegalStateException(
          "The store is at schema version "
              + store.schemaVersion()
              + " and has no crypto tables; open it with Schema.MIGRATIONS.");
    }
    this.store = store;
    this.upserts = CryptoUpserts.in(store.dialect());
  }

  @Override
  public Optional<String> accountPickle() {
    return queryOne("SELECT pickle FROM crypto_account WHERE id = 1", r -> r.getString(1));
  }

  @Override
  public void saveAccountPickle(String pickle) {
    update(upserts.account(), 1, pickle);
  }

  @Override
  public List<StoredOlmSession> olmSessions(String senderKey) {
    return query(
        "SELECT sender_key, session_id, pickle, created_at_ms, last_used_at_ms"
            + " FROM crypto_olm_sessions WHERE sender_key = ? ORDER BY created_at_ms",
        r ->
            new StoredOlmSession(
                r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5)),
        senderKey);
  }

  @Override
  public void saveOlmSession(StoredOlmSession s) {
    store.doInTransaction(tx -> upsertOlmSession(tx, s));
  }

  /** One transaction: a crash leaves both (the session and the spent one-time key) or neither. */
  @Override
  public void saveOlmSessionWithAccount(StoredOlmSession s, String accountPickle) {
    store.doInTransaction(tx -> {
      upsertOlmSession(tx, s);
      tx.update(upserts.account(), 1, accountPickle);
    });
  }

  private void upsertOlmSession(Tx tx, StoredOlmSession s) throws java.sql.SQLException {
    tx.update(
        upserts.olmSession(),
        s.senderKey(),
        s.sessionId(),
        s.pickle(),
        s.createdAtMs(),
        s.lastUsedAtMs());
  }

  private static final String INBOUND_COLUMNS =
      "room_id, session_id, sender_key, signing_key, pickle, first_known_index, forwarded";

  private static StoredInboundGroupSession inbound(ResultSet r) throws SQLException {
    return new StoredInboundGroupSession(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getInt(6),
        r.getBoolean(7));
  }

  @Override
  public Optional<StoredInboundGroupSession> inboundGroupSession(String roomId, String sessionId) {
    return queryOne(
        "SELECT "
            + INBOUND_COLUMNS
            + " FROM crypto_inbound_sessions WHERE room_id = ? AND session_id = ?",
        SqlCryptoStore::inbound,
        roomId,
        sessionId);
  }

  @Override
  public void saveInboundGroupSession(StoredInboundGroupSession s) {
    // A new copy (better first index, say) must reach the backup again, so the mark is cleared.
    update(
        upserts.inbound(),
        s.roomId(),
        s.sessionId(),
        s.senderKey(),
        s.signingKey(),
        s.pickle(),
        s.firstKnownIndex(),
        s.forwarded(),
        false);
  }

  @Override
  public Optional<StoredOutboundGroupSession> outboundGroupSession(String roomId) {
    return queryOne(
        "SELECT room_id, session_id, pickle, created_at_ms, message_count, shared_with,"
            + " withheld_from FROM crypto_outbound_sessions WHERE room_id = ?",
        r ->
            new StoredOutboundGroupSession(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getLong(4),
                r.getInt(5),
                Set.copyOf(strings(r.getString(6))),
                Set.copyOf(strings(r.getString(7)))),
        roomId);
  }

  @Override
  public void saveOutboundGroupSession(StoredOutboundGroupSession s) {
    update(
        upserts.outbound(),
        s.roomId(),
        s.sessionId(),
        s.pickle(),
        s.createdAtMs(),
        s.messageCount(),
        json(s.sharedWith().stream().sorted().toList()),
        json(s.withheldFrom().stream().sorted().toList()));
  }

  @Override
  public void removeOutboundGroupSession(String roomId) {
    update("DELETE FROM crypto_outbound_sessions WHERE room_id = ?", roomId);
  }

  @Override
  public Map<String, Device> devices(String userId) {
    List<Device> list =
        query(
            "SELECT user_id, device_id, curve25519, ed25519, algorithms, display_name,"
                + " local_trust, cross_signed, signed_json FROM crypto_devices"
                + " WHERE user_id = ? ORDER BY device_id",
            r ->
                new Device(
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    strings(r.getString(5)),
                    r.getString(6),
                    LocalTrust.valueOf(r.getString(7)),
                    r.getBoolean(8),
                    r.getString(9)),
            userId);
    Map<String, Device> byId = new LinkedHashMap<>();
    list.forEach(d -> byId.put(d.deviceId(), d));
    return byId;
  }

  @Override
  public void saveDevices(String userId, Map<String, Device> devices) {
    store.doInTransaction(tx -> {
      tx.update("DELETE FROM crypto_devices WHERE user_id = ?", userId);
      for (Map.Entry<String, Device> e : devices.entrySet()) {
        Device d = e.getValue();
        tx.update(
            "INSERT INTO crypto_devices (user_id, device_id, curve25519, ed25519, algorithms,"
                + " display_name, local_trust, cross_signed, signed_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            userId,
            e.getKey(),
            d.curve25519(),
            d.ed25519(),
            json(d.algorithms()),
            d.displayName(),
            d.trust().name(),
            d.crossSigned(),
            d.signedJson());
      }
    });
  }

  @Override
  public Map<String, Boolean> trackedUsers() {
    Map<String, Boolean> tracked = new LinkedHashMap<>();
    store.doInTransaction(tx ->
        tx.query(
                "SELECT user_id, outdated FROM crypto_tracked_users ORDER BY seq",
                r -> Map.entry(r.getString(1), r.getBoolean(2)))
            .forEach(e -> tracked.put(e.getKey(), e.getValue())));
    return tracked;
  }

  @Override
  public List<String> outdatedTrackedUsers() {
    return query(
        "SELECT user_id FROM crypto_tracked_users WHERE outdated = TRUE ORDER BY seq",
        r -> r.getString(1));
  }

  /** A user already tracked keeps its place in the order; only its flag changes. */
  @Override
  public void saveTrackedUser(String userId, boolean outdated) {
    updateOrAppend("crypto_tracked_users", "user_id", userId, "outdated", outdated);
  }

  @Override
  public void removeTrackedUser(String userId) {
    update("DELETE FROM crypto_tracked_users WHERE user_id = ?", userId);
  }

  @Override
  public Optional<String> messageIndexOwner(String roomId, String sessionId, int index) {
    return queryOne(
        "SELECT event_id FROM crypto_message_indexes"
            + " WHERE room_id = ? AND session_id = ? AND message_index = ?",
        r -> r.getString(1),
        roomId,
        sessionId,
        index);
  }

  @Override
  public void saveMessageIndexOwner(String roomId, String sessionId, int index, String eventId) {
    update(upserts.messageIndex(), roomId, sessionId, index, eventId);
  }

  @Override
  public List<StoredRequest> outgoingRequests() {
    return query(
        "SELECT id, json FROM crypto_requests ORDER BY seq",
        r -> new StoredRequest(r.getString(1), r.getString(2)));
  }

  /** A request saved again keeps its place in the queue; only its body changes. */
  @Override
  public void saveOutgoingRequest(StoredRequest request) {
    updateOrAppend("crypto_requests", "id", request.id(), "json", request.json());
  }

  @Override
  public void removeOutgoingRequest(String id) {
    update("DELETE FROM crypto_requests WHERE id = ?", id);
  }

  @Override
  public List<PendingEvent> pendingEvents(String roomId, String sessionId) {
    return query(
        "SELECT room_id, session_id, event_id, event_json FROM crypto_pending_events"
            + " WHERE room_id = ? AND session_id = ? ORDER BY event_id",
        r -> new PendingEvent(r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
        roomId,
        sessionId);
  }

  @Override
  public void savePendingEvent(PendingEvent e) {
    update(upserts.pendingEvent(), e.roomId(), e.sessionId(), e.eventId(), e.eventJson());
  }

  @Override
  public void removePendingEvents(String roomId, String sessionId) {
    update(
        "DELETE FROM crypto_pending_events WHERE room_id = ? AND session_id = ?",
        roomId,
        sessionId);
  }

  @Override
  public Optional<String> value(String key) {
    return queryOne("SELECT val FROM crypto_values WHERE name = ?", r -> r.getString(1), key);
  }

  @Override
  public void saveValue(String key, String value) {
    update(upserts.value(), key, value);
  }

  @Override
  public void removeValue(String key) {
    update("DELETE FROM crypto_values WHERE name = ?", key);
  }

  @Override
  public List<StoredInboundGroupSession> inboundGroupSessionsToBackUp(int limit) {
    return query(
        "SELECT "
            + INBOUND_COLUMNS
            + " FROM crypto_inbound_sessions WHERE backed_up = FALSE"
            + " ORDER BY room_id, session_id LIMIT ?",
        SqlCryptoStore::inbound,
        limit);
  }

  @Override
  public void markBackedUp(List<StoredInboundGroupSession> sessions) {
    // Only the copy that was uploaded counts: a better one saved meanwhile must go up again.
    store.doInTransaction(tx -> {
      for (StoredInboundGroupSession s : sessions) {
        tx.update(
            "UPDATE crypto_inbound_sessions SET backed_up = TRUE WHERE room_id = ?"
                + " AND session_id = ? AND sender_key = ? AND signing_key = ? AND pickle = ?"
                + " AND first_known_index = ? AND forwarded = ?",
            s.roomId(),
            s.sessionId(),
            s.senderKey(),
            s.signingKey(),
            s.pickle(),
            s.firstKnownIndex(),
            s.forwarded());
      }
    });
  }

  @Override
  public void resetBackupState() {
    update("UPDATE crypto_inbound_sessions SET backed_up = FALSE");
  }

  /**
   * Sets {@code column} of the row keyed {@code key}, or adds the row after every other one ({@code
   * seq} one higher than the highest), so a row saved again keeps its place in the order.
   */
  private void updateOrAppend(
      String table, String keyColumn, Object key, String column, Object value) {
    store.doInTransaction(tx -> {
      String update = "UPDATE " + table + " SET " + column + " = ? WHERE " + keyColumn + " = ?";
      if (tx.update(update, value, key) == 0) {
        tx.update(
            "INSERT INTO "
                + table
                + " ("
                + keyColumn
                + ", "
                + column
                + ", seq) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
                + table
                + "))",
            key,
            value);
      }
    });
  }

  /** One statement, in a transaction of its own. */
  private void update(String sql, Object... args) {
    store.doInTransaction(tx -> tx.update(sql, args));
  }

  /** Every row {@code sql} selects, in a transaction of its own. */
  private <T> List<T> query(String sql, Tx.RowMapper<T> mapper, Object... args) {
    return store.inTransaction(tx -> tx.query(sql, mapper, args));
  }

  /** The row {@code sql} selects, if any, in a transaction of its own. */
  private <T> Optional<T> queryOne(String sql, Tx.RowMapper<T> mapper, Object... args) {
    return store.inTransaction(tx -> tx.queryOne(sql, mapper, args));
  }

  private static String json(List<String> values) {
    return JSON.writeValueAsString(values);
  }

  private static List<String> strings(String json) {
    return JSON.readValue(json, STRINGS);
  }
}
