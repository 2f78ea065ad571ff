package cd.chatrix.app.store.crypto;

import cd.chatrix.app.store.sql.Dialect;
import java.util.List;

/** The statements {@link SqlCryptoStore} inserts or replaces rows with, in the engine's syntax. */
record CryptoUpserts(
    String account,
    String olmSession,
    String inbound,
    String outbound,
    String messageIndex,
    String pendingEvent,
    String value) {
  static CryptoUpserts in(Dialect sql) {
    return new CryptoUpserts(
        sql.upsert("crypto_account", List.of("id"), List.of("pickle")),
        sql.upsert(
            "crypto_olm_sessions",
            List.of("sender_key", "session_id"),
            List.of("pickle", "created_at_ms", "last_used_at_ms")),
        sql.upsert(
            "crypto_inbound_sessions",
            List.of("room_id", "session_id"),
            List.of(
                "sender_key",
                "signing_key",
                "pickle",
                "first_known_index",
                "forwarded",
                "backed_up")),
        sql.upsert(
            "crypto_outbound_sessions",
            List.of("room_id"),
            List.of(
                "session_id",
                "pickle",
                "created_at_ms",
                "message_count",
                "shared_with",
                "withheld_from")),
        sql.upsert(
            "crypto_message_indexes",
            List.of("room_id", "session_id", "message_index"),
            List.of("event_id")),
        sql.upsert(
            "crypto_pending_events",
            List.of("room_id", "session_id", "event_id"),
            List.of("event_json")),
        sql.upsert("crypto_values", List.of("name"), List.of("val")));
  }
}
