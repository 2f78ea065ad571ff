package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.RunStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link RunStore} on the {@code bot_runs} table ({@link BotTables}). Times are stored as ISO-8601
 * text so they come back exactly as saved; {@code requested_at_ms} exists for ordering.
 */
public final class SqlRunStore implements RunStore {
  private static final List<String> KEY = List.of("project_id", "task_id", "room_id");
  private static final List<String> VALUES =
      List.of(
          "status_event_id",
          "requester",
          "approver",
          "project_name",
          "template_name",
          "template_id",
          "options",
          "state",
          "requested_at_ms",
          "requested_at",
          "started_at",
          "ended_at",
          "failures_only",
          "streamed_rows");
  private static final String COLUMNS = String.join(", ", KEY) + ", " + String.join(", ", VALUES);

  /** Same tie-break as the in-memory store, applied in Java to rows sharing a millisecond. */
  private static final Comparator<MonitoredRun> LATEST =
      Comparator.comparing(MonitoredRun::requestedAt).thenComparing(r -> r.task().taskId());

  /** Terminal states come from the bot's enum, so a new terminal state needs no SQL change. */
  private static final String TERMINAL_STATES =
      Arrays.stream(TaskState.values())
          .filter(TaskState::terminal)
          .map(s -> "'" + s.wire() + "'")
          .collect(Collectors.joining(", ", "(", ")"));

  private final Store store;
  private final String upsert;

  public SqlRunStore(Store store) {
    this.store = store;
    this.upsert = store.dialect().upsert("bot_runs", KEY, VALUES);
  }

  @Override
  public void save(MonitoredRun r) {
    store.doInTransaction(tx ->
        tx.update(
            upsert,
            r.task().projectId(),
            r.task().taskId(),
            r.roomId(),
            r.statusEventId(),
            r.requester(),
            r.approver(),
            r.projectName(),
            r.templateName(),
            r.templateId(),
            r.options(),
            r.state().wire(),
            r.requestedAt().toEpochMilli(),
            r.requestedAt().toString(),
            r.startedAt().map(Instant::toString),
            r.endedAt().map(Instant::toString),
            r.failuresOnly(),
            r.streamedRows()));
  }

  @Override
  public List<MonitoredRun> byTask(TaskRef task) {
    return runs(
        "WHERE project_id = ? AND task_id = ? ORDER BY room_id", task.projectId(), task.taskId());
  }

  @Override
  public List<MonitoredRun> active() {
    return runs(
        "WHERE state NOT IN " + TERMINAL_STATES + " ORDER BY requested_at_ms, task_id, room_id");
  }

  @Override
  public Optional<MonitoredRun> latestInRoom(String roomId) {
    List<MonitoredRun> newest =
        runs(
            "WHERE room_id = ? AND requested_at_ms ="
                + " (SELECT MAX(requested_at_ms) FROM bot_runs WHERE room_id = ?)",
            roomId,
            roomId);
    return newest.stream().max(LATEST);
  }

  @Override
  public Optional<MonitoredRun> byTaskId(long taskId) {
    return runs("WHERE task_id = ? ORDER BY requested_at_ms, room_id LIMIT 1", taskId).stream()
        .findFirst();
  }

  /** The runs {@code condition} (a WHERE clause and its ordering) picks, every column read. */
  private List<MonitoredRun> runs(String condition, Object... args) {
    return store.inTransaction(tx ->
        tx.query("SELECT " + COLUMNS + " FROM bot_runs " + condition, SqlRunStore::read, args));
  }

  /**
   * Deletes finished runs requested before {@code cutoff} and returns how many; runs still in
   * progress are kept whatever their age, so a monitor is never dropped. The bot keeps finished
   * runs for {@code status} and {@code logs}; this is for the app's housekeeping.
   */
  public int pruneFinishedBefore(Instant cutoff) {
    return store.inTransaction(tx ->
        tx.update(
            "DELETE FROM bot_runs WHERE state IN " + TERMINAL_STATES + " AND requested_at_ms < ?",
            cutoff.toEpochMilli()));
  }

  private static MonitoredRun read(ResultSet row) throws SQLException {
    return new MonitoredRun(
        new TaskRef(row.getLong("project_id"), row.getLong("task_id")),
        row.getString("room_id"),
        row.getString("status_event_id"),
        Optional.ofNullable(row.getString("requester")),
        Optional.ofNullable(row.getString("approver")),
        row.getString("project_name"),
        row.getString("template_name"),
        row.getLong("template_id"),
        row.getString("options"),
        TaskState.fromWire(row.getString("state")),
        Instant.parse(row.getString("requested_at")),
        Optional.ofNullable(row.getString("started_at")).map(Instant::parse),
        Optional.ofNullable(row.getString("ended_at")).map(Instant::parse),
        row.getBoolean("failures_only"),
        row.getInt("streamed_rows"));
  }
}
