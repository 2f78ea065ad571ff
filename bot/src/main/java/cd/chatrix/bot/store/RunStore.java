package cd.chatrix.bot.store;

import cd.chatrix.bot.port.TaskRef;
import java.util.List;
import java.util.Optional;

/**
 * Runs the bot reports on; kept after they end so {@code status} and {@code logs} still find them.
 */
public interface RunStore {
  /** Inserts or replaces the run of {@code run.task()} in {@code run.roomId()}. */
  void save(MonitoredRun run);

  List<MonitoredRun> byTask(TaskRef task);

  /** Runs whose last known state is not terminal. */
  List<MonitoredRun> active();

  /** The most recently requested run in a room. */
  Optional<MonitoredRun> latestInRoom(String roomId);

  /** Looks a task up by its id alone (ids are unique across a Semaphore server). */
  Optional<MonitoredRun> byTaskId(long taskId);
}
