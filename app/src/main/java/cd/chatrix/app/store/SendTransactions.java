package cd.chatrix.app.store;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Transaction ids for Matrix sends. The client-server API deduplicates {@code PUT
 * /rooms/{roomId}/send/{eventType}/{txnId}} per access token, so reusing the id of an
 * unacknowledged send after a crash cannot post the message twice.
 */
public final class SendTransactions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;

  public SendTransactions(Store store) {
    this.store = store;
  }

  /** Creates, records and returns a fresh transaction id for a send to {@code roomId}. */
  public String allocate(String roomId, Instant at) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    // Time first keeps ids roughly ordered in server logs; the random part makes them unique.
    String txnId = "cd" + at.toEpochMilli() + "." + HexFormat.of().formatHex(bytes);
    record(txnId, roomId, at);
    return txnId;
  }

  /** Records a caller-chosen transaction id; recording the same id twice keeps the first record. */
  public void record(String txnId, String roomId, Instant at) {
    store.doInTransaction(tx ->
        tx.update(
            """
            INSERT INTO send_transactions (txn_id, room_id, created_at, event_id) VALUES (?, ?, ?, NULL)
            ON CONFLICT (txn_id) DO NOTHING\
            """,
            txnId,
            roomId,
            at.toEpochMilli()));
  }

  /** Stores the event id the homeserver returned; returns {@code false} for an unknown id. */
  public boolean markSent(String txnId, String eventId) {
    return store.inTransaction(tx ->
        tx.update("UPDATE send_transactions SET event_id = ? WHERE txn_id = ?", eventId, txnId)
            > 0);
  }

  public Optional<SendTransaction> find(String txnId) {
    return store.inTransaction(tx ->
        tx.queryOne(
            "SELECT txn_id, room_id, created_at, event_id FROM send_transactions WHERE txn_id = ?",
            SendTransactions::read,
            txnId));
  }

  /** Sends not yet acknowledged, oldest first: what to retry after a restart. */
  public List<SendTransaction> unacknowledged() {
    return store.inTransaction(tx ->
        tx.query(
            """
            SELECT txn_id, room_id, created_at, event_id FROM send_transactions
            WHERE event_id IS NULL ORDER BY created_at, txn_id\
            """,
            SendTransactions::read));
  }

  /** Forgets transactions created before {@code cutoff}; returns how many. */
  public int pruneOlderThan(Instant cutoff) {
    return store.inTransaction(tx ->
        tx.update("DELETE FROM send_transactions WHERE created_at < ?", cutoff.toEpochMilli()));
  }

  private static SendTransaction read(ResultSet row) throws SQLException {
    return new SendTransaction(
        row.getString("txn_id"),
        row.getString("room_id"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        Optional.ofNullable(row.getString("event_id")));
  }
}
