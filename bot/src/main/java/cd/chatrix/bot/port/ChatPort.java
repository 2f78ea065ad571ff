package cd.chatrix.bot.port;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Matrix as seen by the bot. Methods other than {@link #post} block until the homeserver answered
 * and throw {@link PortException} when it refused or was unreachable. Messages of one room leave in
 * the order they were handed over, posted or sent.
 */
public interface ChatPort {
  /** Sends a notice and returns its event id. */
  String send(String roomId, OutgoingMessage message);

  /**
   * Hands a notice to the room's send queue and returns without waiting for the homeserver. When
   * this returns the message is queued durably: a crash before the homeserver took it delivers it
   * after the restart, once. The stage completes with the event id when the homeserver confirmed
   * it, or with a {@link PortException} when it refused it. A port that has no queue may send right
   * away (the default).
   */
  default CompletionStage<String> post(String roomId, OutgoingMessage message) {
    try {
      return CompletableFuture.completedFuture(send(roomId, message));
    } catch (PortException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

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

  /**
   * An encrypted room of the bot and {@code userId} alone: one the bot opened before and both are
   * still in (only those two), or a new one the user is invited to. Returns once the bot knows the
   * room is encrypted, so nothing sent there afterwards leaves in clear. A port that cannot open
   * rooms refuses (the default).
   */
  default String encryptedDirectRoom(String userId) {
    throw new PortException("I cannot open a private room here.");
  }
}
