package cd.chatrix.app.adapter.matrix;

import cd.chatrix.app.store.sql.KeyValueStore;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms already told that the bot is not enabled there, so the notice is said once per room and a
 * restart does not say it again.
 */
public interface NoticeLedger {
  boolean noticed(String roomId);

  void markNoticed(String roomId);

  /** Kept in the store's key-value table (namespace {@code bot.not_enabled_notice}). */
  static NoticeLedger in(KeyValueStore values) {
    String namespace = "bot.not_enabled_notice";
    return new NoticeLedger() {
      @Override
      public boolean noticed(String roomId) {
        return values.get(namespace, roomId).isPresent();
      }

      @Override
      public void markNoticed(String roomId) {
        values.put(namespace, roomId, Instant.now().toString());
      }
    };
  }

  /** For embedding without a store: once per process. */
  static NoticeLedger inMemory() {
    Set<String> rooms = ConcurrentHashMap.newKeySet();
    return new NoticeLedger() {
      @Override
      public boolean noticed(String roomId) {
        return rooms.contains(roomId);
      }

      @Override
      public void markNoticed(String roomId) {
        rooms.add(roomId);
      }
    };
  }
}
