package cd.chatrix.app.store;

import cd.chatrix.app.store.bot.BotTables;
import cd.chatrix.app.store.crypto.CryptoTables;
import cd.chatrix.app.store.sql.Migration;
import java.util.List;

/**
 * Every schema migration of this build, in version order: the one list {@code Store.open} is given.
 * A migration belongs to the part whose tables it makes ({@link BotTables}, {@link CryptoTables});
 * the two here span parts. How to add one: see the package documentation.
 */
public final class Schema {
  private Schema() {}

  /**
   * The first schema, from before each part owned its migrations: the key/value table and the
   * matrix, bot and (since dropped) send-transaction and monitored-run tables. Applied in the
   * field, so never edited.
   */
  static final Migration FIRST =
      Migration.of(
          1,
          "key/value, processed events, confirmations, monitored runs, audit log, room settings,"
              + " send transactions",
          """
          CREATE TABLE kv_entries (
            namespace VARCHAR(200) NOT NULL,
            entry_key VARCHAR(500) NOT NULL,
            entry_value TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (namespace, entry_key))\
          """,
          """
          CREATE TABLE processed_events (
            event_id VARCHAR(255) NOT NULL PRIMARY KEY,
            room_id VARCHAR(255) NOT NULL,
            processed_at BIGINT NOT NULL)\
          """,
          "CREATE INDEX processed_events_by_time ON processed_events (processed_at)",
          """
          CREATE TABLE pending_confirmations (
            confirmation_id VARCHAR(255) NOT NULL PRIMARY KEY,
            room_id VARCHAR(255) NOT NULL,
            requester VARCHAR(255) NOT NULL,
            payload TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)\
          """,
          """
          CREATE TABLE monitored_runs (
            project_id BIGINT NOT NULL,
            task_id BIGINT NOT NULL,
            room_id VARCHAR(255) NOT NULL,
            requester VARCHAR(255) NOT NULL,
            anchor_event_id VARCHAR(255),
            status VARCHAR(64) NOT NULL,
            started_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (project_id, task_id))\
          """,
          """
          CREATE TABLE audit_log (
            seq BIGINT NOT NULL PRIMARY KEY,
            at_ms BIGINT NOT NULL,
            actor VARCHAR(255) NOT NULL,
            action VARCHAR(255) NOT NULL,
            room_id VARCHAR(255),
            project_id BIGINT,
            task_id BIGINT,
            outcome VARCHAR(64) NOT NULL,
            detail TEXT)\
          """,
          "CREATE INDEX audit_log_by_time ON audit_log (at_ms)",
          """
          CREATE TABLE room_settings (
            room_id VARCHAR(255) NOT NULL,
            setting VARCHAR(200) NOT NULL,
            setting_value TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (room_id, setting))\
          """,
          """
          CREATE TABLE send_transactions (
            txn_id VARCHAR(255) NOT NULL PRIMARY KEY,
            room_id VARCHAR(255) NOT NULL,
            created_at BIGINT NOT NULL,
            event_id VARCHAR(255))\
          """);

  /**
   * {@code monitored_runs} and {@code send_transactions} were never written: the bot keeps its runs
   * in {@code bot_runs} and the matrix client its unconfirmed sends in the key/value outbox.
   */
  static final Migration DROP_UNUSED =
      Migration.of(
          4,
          "drop the never-used monitored_runs and send_transactions tables",
          "DROP TABLE IF EXISTS monitored_runs",
          "DROP TABLE IF EXISTS send_transactions");

  /** Every migration of this build, in version order; {@code Store.open} checks the numbering. */
  public static final List<Migration> MIGRATIONS =
      List.of(FIRST, BotTables.BOT_RUNS, CryptoTables.CRYPTO, DROP_UNUSED);
}
