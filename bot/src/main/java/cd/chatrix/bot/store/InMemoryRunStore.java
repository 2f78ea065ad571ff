package cd.chatrix.bot.store;

import cd.chatrix.bot.port.TaskRef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link RunStore} for tests and the demo. */
public final class InMemoryRunStore implements RunStore {
  private final Map<String, MonitoredRun> runs = new ConcurrentHashMap<>();

  private static String key(TaskRef task, String roomId) {
    return task + "@" + roomId;
  }

  @Override
  public void save(MonitoredRun run) {
    runs.put(key(run.task(), run.roomId()), run);
  }

  @Override
  public List<MonitoredRun> byTask(TaskRef task) {
    return runs.values().stream().filter(r -> r.task().equals(task)).toList();
  }

  @Override
  public List<MonitoredRun> active() {
    return runs.values().stream().filter(r -> !r.state().terminal()).toList();
  }

  @Override
  public Optional<MonitoredRun> latestInRoom(String roomId) {
    return runs.values().stream()
        .filter(r -> r.roomId().equals(roomId))
        .max(Comparator.comparing(MonitoredRun::requestedAt).thenComparing(r -> r.task().taskId()));
  }

  @Override
  public Optional<MonitoredRun> byTaskId(long taskId) {
    return runs.values().stream().filter(r -> r.task().taskId() == taskId).findFirst();
  }
}
