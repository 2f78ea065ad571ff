package cd.chatrix.matrix.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One single-thread lane per room on a virtual thread: tasks of a room run in order, rooms in
 * parallel. Unlike {@link RoomSerialExecutor}, closing lets queued tasks finish (up to five seconds
 * a lane) before interrupting them: what is queued here is not replayed after a restart.
 */
public final class RoomLanes implements AutoCloseable {
  private final String threadPrefix;
  private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();

  /**
   * @param threadPrefix names the lane threads {@code prefix + roomId}, for thread dumps
   */
  public RoomLanes(String threadPrefix) {
    this.threadPrefix = threadPrefix;
  }

  /**
   * Queues {@code task} on the room's lane.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
   */
  public void execute(String roomId, Runnable task) {
    lanes
        .computeIfAbsent(
            roomId,
            id ->
                Executors.newSingleThreadExecutor(
                    Thread.ofVirtual().name(threadPrefix + id).factory()))
        .execute(task);
  }

  /** Stops taking tasks and waits briefly for the queued ones. */
  @Override
  public void close() {
    lanes.values().forEach(ExecutorService::shutdown);
    for (ExecutorService lane : lanes.values()) {
      try {
        if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
          lane.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lane.shutdownNow();
      }
    }
  }
}
