package cd.chatrix.bot.store;

import java.util.List;

/** Per-room settings that outlive a restart. */
public interface RoomSettingsStore {
  /** The room's settings, or the defaults when nothing was stored. */
  RoomSettings get(String roomId);

  void put(RoomSettings settings);

  List<RoomSettings> all();
}
