package cd.chatrix.app.store;

import static cd.chatrix.app.store.sql.Ddl.table;

import cd.chatrix.app.store.bot.BotTables;
import cd.chatrix.app.store.crypto.CryptoTables;
import cd.chatrix.app.store.lease.LeaseTable;
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
          table(
              "kv_entries",
              "namespace VARCHAR(200), entry_key VARCHAR(500)",
              "entry_value TEXT, updated_at BIGINT"),
          table(
              "processed_events",
              "event_id VARCHAR(255)",
              "room_id VARCHAR(255), processed_at BIGINT"),
          "CREATE INDEX processed_events_by_time ON processed_events (processed_at)",
          table(
              "pending_confirmations",
              "confirmation_id VARCHAR(255)",
              "room_id VARCHAR(255), requester VARCHAR(255), payload TEXT, created_at BIGINT,"
                  + " expires_at BIGINT"),
          table(
              "monitored_runs",
              "project_id BIGINT, task_id BIGINT",
              "room_id VARCHAR(255), requester VARCHAR(255), anchor_event_id VARCHAR(255) NULL,"
                  + " status VARCHAR(64), started_at BIGINT, updated_at BIGINT"),
          table(
              "audit_log",
              "seq BIGINT",
              "at_ms BIGINT, actor VARCHAR(255), action VARCHAR(255), room_id VARCHAR(255) NULL,"
                  + " project_id BIGINT NULL, task_id BIGINT NULL, outcome VARCHAR(64),"
                  + " detail TEXT NULL"),
          "CREATE INDEX audit_log_by_time ON audit_log (at_ms)",
          table(
              "room_settings",
              "room_id VARCHAR(255), setting VARCHAR(200)",
              "setting_value TEXT, updated_at BIGINT"),
          table(
              "send_transactions",
              "txn_id VARCHAR(255)",
              "room_id VARCHAR(255), created_at BIGINT, event_id VARCHAR(255) NULL"));

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
      List.of(
          FIRST,
          BotTables.BOT_RUNS,
          CryptoTables.CRYPTO,
          DROP_UNUSED,
          LeaseTable.LEADER_LEASE,
          BotTables.CLAIMED_STARTS,
          CryptoTables.LONG_VALUE_NAMES);
}
