package cd.chatrix.app.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Semaphore task the bot follows and reports on. {@code anchorEventId} is the chat message that
 * updates reply to or thread under, if there is one; {@code status} is the last status the bot
 * reported.
 */
public record MonitoredRun(
    long projectId,
    long taskId,
    String roomId,
    String requester,
    Optional<String> anchorEventId,
    String status,
    Instant startedAt,
    Instant updatedAt) {
  public MonitoredRun {
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(anchorEventId, "anchorEventId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
