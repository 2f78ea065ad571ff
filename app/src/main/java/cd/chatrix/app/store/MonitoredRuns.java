package cd.chatrix.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Task monitors that a restart resumes. */
public final class MonitoredRuns {
  private static final String COLUMNS =
      "project_id, task_id, room_id, requester, anchor_event_id, status, started_at, updated_at";

  private final Store store;

  public MonitoredRuns(Store store) {
    this.store = store;
  }

  /** Starts following a run, or replaces what is stored about it. */
  public void save(MonitoredRun run) {
    store.doInTransaction(tx ->
        tx.update(
            "INSERT INTO monitored_runs ("
                + COLUMNS
                + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, task_id) DO UPDATE SET room_id = excluded.room_id,
                  requester = excluded.requester, anchor_event_id = excluded.anchor_event_id,
                  status = excluded.status, started_at = excluded.started_at,
                  updated_at = excluded.updated_at\
                """,
            run.projectId(),
            run.taskId(),
            run.roomId(),
            run.requester(),
            run.anchorEventId(),
            run.status(),
            run.startedAt().toEpochMilli(),
            run.updatedAt().toEpochMilli()));
  }

  /** Records a new status; returns {@code false} if the run is not monitored. */
  public boolean updateStatus(long projectId, long taskId, String status, Instant at) {
    return store.inTransaction(tx ->
        tx.update(
                "UPDATE monitored_runs SET status = ?, updated_at = ?"
                    + " WHERE project_id = ? AND task_id = ?",
                status,
                at.toEpochMilli(),
                projectId,
                taskId)
            > 0);
  }

  public Optional<MonitoredRun> find(long projectId, long taskId) {
    return store.inTransaction(tx ->
        tx.queryOne(
            "SELECT " + COLUMNS + " FROM monitored_runs WHERE project_id = ? AND task_id = ?",
            MonitoredRuns::read,
            projectId,
            taskId));
  }

  /** Stops following a run; returns whether it was followed. */
  public boolean remove(long projectId, long taskId) {
    return store.inTransaction(tx ->
        tx.update(
                "DELETE FROM monitored_runs WHERE project_id = ? AND task_id = ?",
                projectId,
                taskId)
            > 0);
  }

  /** Every monitored run, oldest first: what to resume after a restart. */
  public List<MonitoredRun> all() {
    return store.inTransaction(tx ->
        tx.query(
            "SELECT " + COLUMNS + " FROM monitored_runs ORDER BY started_at, project_id, task_id",
            MonitoredRuns::read));
  }

  private static MonitoredRun read(ResultSet row) throws SQLException {
    return new MonitoredRun(
        row.getLong("project_id"),
        row.getLong("task_id"),
        row.getString("room_id"),
        row.getString("requester"),
        Optional.ofNullable(row.getString("anchor_event_id")),
        row.getString("status"),
        Instant.ofEpochMilli(row.getLong("started_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")));
  }
}
