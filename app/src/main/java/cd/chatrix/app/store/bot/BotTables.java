package cd.chatrix.app.store.bot;

import static cd.chatrix.app.store.sql.Ddl.table;

import cd.chatrix.app.store.sql.Migration;

/**
 * The bot's own table, {@code bot_runs}, as migration {@value #BOT_RUNS_VERSION}; it takes its
 * place in {@code Schema.MIGRATIONS}. The bot's other tables ({@code pending_confirmations}, {@code
 * audit_log}, {@code room_settings}) came with migration 1.
 *
 * <p>{@code bot_runs} keys a run by task and room because the bot follows one task in several rooms
 * (one status message per room), and it keeps finished runs for {@code status} and {@code logs}.
 */
public final class BotTables {
  private BotTables() {}

  /** The version the bot's tables arrive with; {@link SqlStores} refuses older databases. */
  public static final int BOT_RUNS_VERSION = 2;

  public static final Migration BOT_RUNS =
      Migration.of(
          BOT_RUNS_VERSION,
          "bot runs: one row per task and room, kept after the task ends",
          table(
              "bot_runs",
              "project_id BIGINT, task_id BIGINT, room_id VARCHAR(255)",
              "status_event_id VARCHAR(255), requester VARCHAR(255) NULL,"
                  + " approver VARCHAR(255) NULL, project_name VARCHAR(500),"
                  + " template_name VARCHAR(500), template_id BIGINT, options TEXT,"
                  + " state VARCHAR(64), requested_at_ms BIGINT, requested_at VARCHAR(64),"
                  + " started_at VARCHAR(64) NULL, ended_at VARCHAR(64) NULL,"
                  + " failures_only BOOLEAN, streamed_rows INTEGER"),
          "CREATE INDEX bot_runs_by_room ON bot_runs (room_id, requested_at_ms)",
          "CREATE INDEX bot_runs_by_task ON bot_runs (task_id)",
          "CREATE INDEX bot_runs_by_state ON bot_runs (state)");

  /**
   * A confirmed run's start is claimed, not deleted: {@code claimed_at} marks the row as a start
   * under way (no longer a question) until Semaphore has answered, so a bot that stops in between
   * leaves the run for the next one to settle. {@code approver} is who approved it, if anyone.
   */
  public static final Migration CLAIMED_STARTS =
      Migration.of(
          6,
          "confirmed starts claimed until Semaphore answers",
          "ALTER TABLE pending_confirmations ADD COLUMN claimed_at BIGINT NULL",
          "ALTER TABLE pending_confirmations ADD COLUMN approver VARCHAR(255) NULL");
}
