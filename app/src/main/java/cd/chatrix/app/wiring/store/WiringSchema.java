package cd.chatrix.app.wiring.store;

import cd.chatrix.app.store.Migration;
import cd.chatrix.app.store.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Migrations the bot's SQL stores add on top of {@link Schema#MIGRATIONS}. Open the store with
 * {@link #all()} so these tables exist.
 *
 * <p>{@code bot_runs} is separate from the app's {@code monitored_runs} because the bot follows one
 * task in several rooms (one status message per room), so its key includes the room, and it keeps
 * finished runs for {@code status} and {@code logs}.
 */
public final class WiringSchema {
  private WiringSchema() {}

  /** The version the bot's tables arrive with; {@link SqlStores} refuses older databases. */
  public static final int BOT_RUNS_VERSION = 2;

  static final Migration BOT_RUNS =
      Migration.of(
          BOT_RUNS_VERSION,
          "bot runs: one row per task and room, kept after the task ends",
          """
          CREATE TABLE bot_runs (
            project_id BIGINT NOT NULL,
            task_id BIGINT NOT NULL,
            room_id VARCHAR(255) NOT NULL,
            status_event_id VARCHAR(255) NOT NULL,
            requester VARCHAR(255),
            approver VARCHAR(255),
            project_name VARCHAR(500) NOT NULL,
            template_name VARCHAR(500) NOT NULL,
            template_id BIGINT NOT NULL,
            options TEXT NOT NULL,
            state VARCHAR(64) NOT NULL,
            requested_at_ms BIGINT NOT NULL,
            requested_at VARCHAR(64) NOT NULL,
            started_at VARCHAR(64),
            ended_at VARCHAR(64),
            failures_only BOOLEAN NOT NULL,
            streamed_rows INTEGER NOT NULL,
            PRIMARY KEY (project_id, task_id, room_id))\
          """,
          "CREATE INDEX bot_runs_by_room ON bot_runs (room_id, requested_at_ms)",
          "CREATE INDEX bot_runs_by_task ON bot_runs (task_id)",
          "CREATE INDEX bot_runs_by_state ON bot_runs (state)");

  /** {@link Schema#MIGRATIONS} followed by the bot's own; pass this to {@code Store.open}. */
  public static List<Migration> all() {
    List<Migration> all = new ArrayList<>(Schema.MIGRATIONS);
    if (all.size() + 1 != BOT_RUNS_VERSION) {
      // Versions are permanent: a clash must be resolved by renumbering before release.
      throw new IllegalStateException(
          "schema migration "
              + BOT_RUNS_VERSION
              + " of the bot's tables clashes with the app's "
              + all.size()
              + " migrations; renumber one of them");
    }
    all.add(BOT_RUNS);
    return List.copyOf(all);
  }
}
