package cd.chatrix.bot.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link RoomSettingsStore} for tests and the demo. */
public final class InMemoryRoomSettingsStore implements RoomSettingsStore {
  private final Map<String, RoomSettings> rooms = new ConcurrentHashMap<>();

  @Override
  public RoomSettings get(String roomId) {
    return rooms.getOrDefault(roomId, RoomSettings.defaults(roomId));
  }

  @Override
  public void put(RoomSettings settings) {
    rooms.put(settings.roomId(), settings);
  }

  @Override
  public List<RoomSettings> all() {
    return List.copyOf(rooms.values());
  }
}
