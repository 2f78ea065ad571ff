package cd.chatrix.app.store;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options a room has changed from the defaults (for example whether task logs are streamed there).
 */
public final class RoomSettings {
  private final Store store;
  private final Clock clock;

  /** Uses the system clock for the {@code updated_at} column. */
  public RoomSettings(Store store) {
    this(store, Clock.systemUTC());
  }

  public RoomSettings(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Optional<String> get(String roomId, String setting) {
    return store.inTransaction(tx ->
        tx.queryOne(
            "SELECT setting_value FROM room_settings WHERE room_id = ? AND setting = ?",
            row -> row.getString(1),
            roomId,
            setting));
  }

  public void put(String roomId, String setting, String value) {
    store.doInTransaction(tx ->
        tx.update(
            """
            INSERT INTO room_settings (room_id, setting, setting_value, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (room_id, setting)
            DO UPDATE SET setting_value = excluded.setting_value, updated_at = excluded.updated_at\
            """,
            roomId,
            setting,
            value,
            clock.millis()));
  }

  /** Returns the room to the default for this setting; returns whether it had been changed. */
  public boolean remove(String roomId, String setting) {
    return store.inTransaction(tx ->
        tx.update("DELETE FROM room_settings WHERE room_id = ? AND setting = ?", roomId, setting)
            > 0);
  }

  /** Every changed setting of a room, ordered by name. */
  public Map<String, String> all(String roomId) {
    return store.inTransaction(tx -> {
      Map<String, String> result = new LinkedHashMap<>();
      tx.query(
          "SELECT setting, setting_value FROM room_settings WHERE room_id = ? ORDER BY setting",
          row -> result.put(row.getString(1), row.getString(2)),
          roomId);
      return result;
    });
  }
}
