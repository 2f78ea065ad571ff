package cd.chatrix.bot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Event ids seen lately. Sync retries and reconnects can deliver an event twice; a command must not
 * run twice because of that. (Across restarts the app's processed-event table does this job.)
 */
final class RecentEvents {
  private final Map<String, Boolean> ids;

  RecentEvents(int capacity) {
    this.ids =
        new LinkedHashMap<>(capacity, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time an id is offered, false for repeats. */
  synchronized boolean firstTime(String eventId) {
    return ids.put(eventId, Boolean.TRUE) == null;
  }
}
