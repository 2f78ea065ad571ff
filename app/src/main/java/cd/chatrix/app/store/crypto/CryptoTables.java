package cd.chatrix.app.store.crypto;

import static cd.chatrix.app.store.sql.Ddl.table;

import cd.chatrix.app.store.sql.Migration;

/**
 * The crypto machine's tables, as migration {@value #CRYPTO_VERSION}; it takes its place in {@code
 * Schema.MIGRATIONS}. The tables exist whether encryption is on or off.
 *
 * <p>Pickles arrive sealed with the pickle key, so these tables never hold key material in clear.
 */
public final class CryptoTables {
  /** The version the crypto tables arrive with. */
  public static final int CRYPTO_VERSION = 3;

  public static final Migration CRYPTO =
      Migration.of(
          CRYPTO_VERSION,
          "crypto: Olm account, sessions, devices, outgoing requests and pending events",
          table("crypto_account", "id INTEGER", "pickle TEXT"),
          table(
              "crypto_olm_sessions",
              "sender_key VARCHAR(255), session_id VARCHAR(255)",
              "pickle TEXT, created_at_ms BIGINT, last_used_at_ms BIGINT"),
          table(
              "crypto_inbound_sessions",
              "room_id VARCHAR(255), session_id VARCHAR(255)",
              "sender_key VARCHAR(255), signing_key VARCHAR(255), pickle TEXT,"
                  + " first_known_index INTEGER, forwarded BOOLEAN, backed_up BOOLEAN"),
          table(
              "crypto_outbound_sessions",
              "room_id VARCHAR(255)",
              "session_id VARCHAR(255), pickle TEXT, created_at_ms BIGINT, message_count INTEGER,"
                  + " shared_with TEXT, withheld_from TEXT"),
          table(
              "crypto_devices",
              "user_id VARCHAR(255), device_id VARCHAR(255)",
              "curve25519 VARCHAR(255), ed25519 VARCHAR(255), algorithms TEXT, display_name TEXT,"
                  + " local_trust VARCHAR(32), cross_signed BOOLEAN, signed_json TEXT"),
          table("crypto_tracked_users", "user_id VARCHAR(255)", "outdated BOOLEAN, seq BIGINT"),
          table(
              "crypto_message_indexes",
              "room_id VARCHAR(255), session_id VARCHAR(255), message_index INTEGER",
              "event_id VARCHAR(255)"),
          table("crypto_requests", "id VARCHAR(255)", "seq BIGINT, json TEXT"),
          table(
              "crypto_pending_events",
              "room_id VARCHAR(255), session_id VARCHAR(255), event_id VARCHAR(255)",
              "event_json TEXT"),
          table("crypto_values", "name VARCHAR(255)", "val TEXT"));

  /**
   * The crypto machine keys some values by room and session ({@code
   * roomkey.shares|<room>|<session>} and the like), and a room id alone may be 255 bytes:
   * PostgreSQL refused such keys at {@code VARCHAR(255)} (SQLite never checks the length). The
   * table is copied into one keyed by {@code TEXT}, in statements both engines take.
   */
  public static final Migration LONG_VALUE_NAMES =
      Migration.of(
          7,
          "crypto: value names of any length (keys built from long room ids)",
          table("crypto_values_by_text", "name TEXT", "val TEXT"),
          "INSERT INTO crypto_values_by_text (name, val) SELECT name, val FROM crypto_values",
          "DROP TABLE crypto_values",
          "ALTER TABLE crypto_values_by_text RENAME TO crypto_values");

  private CryptoTables() {}
}
