package cd.chatrix.app.store;

import java.util.List;

/**
 * The ordered list of schema migrations this build knows. Owners of new tables append a migration
 * with the next version number; released migrations are never edited, only followed by new ones.
 *
 * <p>Tables (times are epoch milliseconds in {@code BIGINT} columns, so the SQL stays portable):
 *
 * <ul>
 *   <li>{@code schema_version(version, description, applied_at)}: one row per applied migration.
 *   <li>{@code kv_entries(namespace, entry_key, entry_value, updated_at)}: tokens, sync position
 *       and other single values, see {@link KeyValueStore}.
 *   <li>{@code processed_events(event_id, room_id, processed_at)}: Matrix events already handled,
 *       so a restart never runs a command twice, see {@link ProcessedEvents}.
 *   <li>{@code pending_confirmations(confirmation_id, room_id, requester, payload, created_at,
 *       expires_at)}: runs waiting for a yes/no, see {@link PendingConfirmations}.
 *   <li>{@code monitored_runs(project_id, task_id, room_id, requester, anchor_event_id, status,
 *       started_at, updated_at)}: Semaphore tasks the bot follows, see {@link MonitoredRuns}.
 *   <li>{@code audit_log(seq, at_ms, actor, action, room_id, project_id, task_id, outcome,
 *       detail)}: who did what, where and when, see {@link AuditLog}.
 *   <li>{@code room_settings(room_id, setting, setting_value, updated_at)}: per-room options, see
 *       {@link RoomSettings}.
 *   <li>{@code send_transactions(txn_id, room_id, created_at, event_id)}: Matrix send transaction
 *       ids, so a retried send after a restart reuses its id, see {@link SendTransactions}.
 * </ul>
 */
public final class Schema {
  private Schema() {}

  /** Every migration of this build, in version order. */
  public static final List<Migration> MIGRATIONS =
      List.of(
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
              """));
}
