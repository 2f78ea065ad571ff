package cd.chatrix.bot.port;

import java.util.List;

/** What the bot knows about a room it is in. */
public record RoomInfo(
    String roomId, String name, boolean maySpeak, boolean encrypted, List<String> members) {
  public RoomInfo {
    members = List.copyOf(members);
  }
}
