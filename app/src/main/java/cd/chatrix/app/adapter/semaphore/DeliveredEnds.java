package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.bot.port.TaskRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks whose end {@link TaskFeed} delivered, with when the bot had it: such a task is not
 * followed again while the bot still lists it, as the bot lists a run until it has stored its end.
 * Once the bot had an end, a list it gives afterwards no longer holds the task, unless it could not
 * take the end (its store away): then the feed follows the task again and delivers its end again.
 *
 * <p>Not thread-safe: the feed guards it with its own lock. Times are {@code System.nanoTime}.
 */
final class DeliveredEnds {
  /** While the end is being handed over: the bot may still list the task, rightly. */
  private static final long DELIVERING = Long.MAX_VALUE;

  private final Map<TaskRef, Long> ends = new HashMap<>();

  boolean contains(TaskRef ref) {
    return ends.containsKey(ref);
  }

  /** The end of {@code ref} is being handed to the bot now. */
  void delivering(TaskRef ref) {
    ends.put(ref, DELIVERING);
  }

  /** The bot has had the end of {@code ref} since {@code at}. */
  void delivered(TaskRef ref, long at) {
    ends.computeIfPresent(ref, (r, before) -> at);
  }

  /** The watcher stopped watching {@code ref}; an end being handed over stays so. */
  void finished(TaskRef ref, long at) {
    ends.putIfAbsent(ref, at);
  }

  /**
   * Forgets the tasks the bot no longer lists ({@code listed}, as it answered when {@code asked})
   * and returns, forgotten too, those it lists though it had their end before it was asked.
   */
  List<TaskRef> untaken(Collection<TaskRef> listed, long asked) {
    ends.keySet().retainAll(listed);
    List<TaskRef> untaken = new ArrayList<>();
    ends.forEach((ref, at) -> {
      if (at != DELIVERING && at - asked < 0) {
        untaken.add(ref);
      }
    });
    untaken.forEach(ends::remove);
    return untaken;
  }
}
