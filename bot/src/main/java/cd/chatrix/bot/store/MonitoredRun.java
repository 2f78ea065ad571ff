package cd.chatrix.bot.store;

import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import java.time.Instant;
import java.util.Optional;

/**
 * A task the bot reports on in one room: its one status message ({@code statusEventId}), who asked
 * and approved, and the last state it showed. {@code requester} is empty for tasks started outside
 * chat and announced through a subscription. {@code streamedRows} counts output rows already
 * streamed into the run's thread, so a restart resumes streaming where it stopped.
 */
public record MonitoredRun(
    TaskRef task,
    String roomId,
    String statusEventId,
    Optional<String> requester,
    Optional<String> approver,
    String projectName,
    String templateName,
    long templateId,
    String options,
    TaskState state,
    Instant requestedAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    boolean failuresOnly,
    int streamedRows) {
  public MonitoredRun {
    requester = requester == null ? Optional.empty() : requester;
    approver = approver == null ? Optional.empty() : approver;
    startedAt = startedAt == null ? Optional.empty() : startedAt;
    endedAt = endedAt == null ? Optional.empty() : endedAt;
  }

  public MonitoredRun withState(
      TaskState newState, Optional<Instant> start, Optional<Instant> end, String eventId) {
    return with(eventId, newState, start.or(() -> startedAt), end.or(() -> endedAt), streamedRows);
  }

  public MonitoredRun withStreamedRows(int rows) {
    return with(statusEventId, state, startedAt, endedAt, rows);
  }

  private MonitoredRun with(
      String eventId,
      TaskState newState,
      Optional<Instant> start,
      Optional<Instant> end,
      int rows) {
    return new MonitoredRun(
        task,
        roomId,
        eventId,
        requester,
        approver,
        projectName,
        templateName,
        templateId,
        options,
        newState,
        requestedAt,
        start,
        end,
        failuresOnly,
        rows);
  }
}
