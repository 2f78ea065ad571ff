package cd.chatrix.app.store.crypto;

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
          "CREATE TABLE crypto_account (id INTEGER PRIMARY KEY, pickle TEXT NOT NULL)",
          """
          CREATE TABLE crypto_olm_sessions (
            sender_key VARCHAR(255) NOT NULL,
            session_id VARCHAR(255) NOT NULL,
            pickle TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            last_used_at_ms BIGINT NOT NULL,
            PRIMARY KEY (sender_key, session_id))\
          """,
          """
          CREATE TABLE crypto_inbound_sessions (
            room_id VARCHAR(255) NOT NULL,
            session_id VARCHAR(255) NOT NULL,
            sender_key VARCHAR(255) NOT NULL,
            signing_key VARCHAR(255) NOT NULL,
            pickle TEXT NOT NULL,
            first_known_index INTEGER NOT NULL,
            forwarded BOOLEAN NOT NULL,
            backed_up BOOLEAN NOT NULL,
            PRIMARY KEY (room_id, session_id))\
          """,
          """
          CREATE TABLE crypto_outbound_sessions (
            room_id VARCHAR(255) PRIMARY KEY,
            session_id VARCHAR(255) NOT NULL,
            pickle TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            message_count INTEGER NOT NULL,
            shared_with TEXT NOT NULL,
            withheld_from TEXT NOT NULL)\
          """,
          """
          CREATE TABLE crypto_devices (
            user_id VARCHAR(255) NOT NULL,
            device_id VARCHAR(255) NOT NULL,
            curve25519 VARCHAR(255) NOT NULL,
            ed25519 VARCHAR(255) NOT NULL,
            algorithms TEXT NOT NULL,
            display_name TEXT NOT NULL,
            local_trust VARCHAR(32) NOT NULL,
            cross_signed BOOLEAN NOT NULL,
            signed_json TEXT NOT NULL,
            PRIMARY KEY (user_id, device_id))\
          """,
          """
          CREATE TABLE crypto_tracked_users (
            user_id VARCHAR(255) PRIMARY KEY,
            outdated BOOLEAN NOT NULL,
            seq BIGINT NOT NULL)\
          """,
          """
          CREATE TABLE crypto_message_indexes (
            room_id VARCHAR(255) NOT NULL,
            session_id VARCHAR(255) NOT NULL,
            message_index INTEGER NOT NULL,
            event_id VARCHAR(255) NOT NULL,
            PRIMARY KEY (room_id, session_id, message_index))\
          """,
          """
          CREATE TABLE crypto_requests (
            id VARCHAR(255) PRIMARY KEY,
            seq BIGINT NOT NULL,
            json TEXT NOT NULL)\
          """,
          """
          CREATE TABLE crypto_pending_events (
            room_id VARCHAR(255) NOT NULL,
            session_id VARCHAR(255) NOT NULL,
            event_id VARCHAR(255) NOT NULL,
            event_json TEXT NOT NULL,
            PRIMARY KEY (room_id, session_id, event_id))\
          """,
          "CREATE TABLE crypto_values (name VARCHAR(255) PRIMARY KEY, val TEXT NOT NULL)");

  private CryptoTables() {}
}
