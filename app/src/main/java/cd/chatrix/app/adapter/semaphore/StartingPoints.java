package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.app.store.sql.KeyValueStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Per project, the newest task the feed has seen: where "started since" begins. Kept in the store,
 * so tasks started while the bot was away are still announced to the rooms that subscribed.
 */
public interface StartingPoints {
  /** Nothing kept: after a restart the first look at a project is the new starting point. */
  StartingPoints NONE =
      new StartingPoints() {
        @Override
        public Map<Long, Long> load() {
          return Map.of();
        }

        @Override
        public void save(long projectId, long newestTaskId) {}

        @Override
        public void forget(long projectId) {}
      };

  Map<Long, Long> load();

  void save(long projectId, long newestTaskId);

  void forget(long projectId);

  /** Kept in the store's key-value table. */
  static StartingPoints in(KeyValueStore values) {
    String namespace = "semaphore.newest_task";
    return new StartingPoints() {
      @Override
      public Map<Long, Long> load() {
        Map<Long, Long> out = new HashMap<>();
        values
            .entries(namespace)
            .forEach((project, task) -> {
              try {
                out.put(Long.parseLong(project), Long.parseLong(task));
              } catch (NumberFormatException e) {
                // Not ours; a starting point is only an optimisation of what gets announced.
              }
            });
        return out;
      }

      @Override
      public void save(long projectId, long newestTaskId) {
        values.put(namespace, Long.toString(projectId), Long.toString(newestTaskId));
      }

      @Override
      public void forget(long projectId) {
        values.delete(namespace, Long.toString(projectId));
      }
    };
  }
}
