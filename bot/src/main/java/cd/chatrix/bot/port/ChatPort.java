package cd.chatrix.bot.port;

import java.util.List;
import java.util.Optional;

/**
 * Matrix as seen by the bot. Methods block until the homeserver answered and throw {@link
 * PortException} when it refused or was unreachable.
 */
public interface ChatPort {
  /** Sends a notice and returns its event id. */
  String send(String roomId, OutgoingMessage message);

  /** Replaces the content of an earlier message of the bot ({@code m.replace}). */
  void edit(String roomId, String eventId, OutgoingMessage newContent);

  /** Annotates an event with a reaction key. */
  void react(String roomId, String eventId, String key);

  void redact(String roomId, String eventId, String reason);

  /** Uploads and posts a file, returning the event id of the file message. */
  String sendFile(String roomId, FileAttachment file, Optional<Relation> relation);

  Optional<RoomInfo> roomInfo(String roomId);

  List<String> joinedRooms();

  /** Joins a room by id or alias and returns the room id. */
  String join(String roomIdOrAlias);

  void leave(String roomId);
}
