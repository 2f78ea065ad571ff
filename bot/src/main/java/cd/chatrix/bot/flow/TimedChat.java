package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The chat port with every call's wait for the homeserver counted apart in the command's timing.
 */
public record TimedChat(ChatPort chat) implements ChatPort {
  @Override
  public String send(String roomId, OutgoingMessage message) {
    return CommandTiming.waitingOnPort(() -> chat.send(roomId, message));
  }

  @Override
  public CompletionStage<String> post(String roomId, OutgoingMessage message) {
    return CommandTiming.waitingOnPort(() -> chat.post(roomId, message));
  }

  @Override
  public void edit(String roomId, String eventId, OutgoingMessage newContent) {
    CommandTiming.runWaitingOnPort(() -> chat.edit(roomId, eventId, newContent));
  }

  @Override
  public void react(String roomId, String eventId, String key) {
    CommandTiming.runWaitingOnPort(() -> chat.react(roomId, eventId, key));
  }

  @Override
  public void redact(String roomId, String eventId, String reason) {
    CommandTiming.runWaitingOnPort(() -> chat.redact(roomId, eventId, reason));
  }

  @Override
  public String sendFile(String roomId, FileAttachment file, Optional<Relation> relation) {
    return CommandTiming.waitingOnPort(() -> chat.sendFile(roomId, file, relation));
  }

  @Override
  public Optional<RoomInfo> roomInfo(String roomId) {
    return CommandTiming.waitingOnPort(() -> chat.roomInfo(roomId));
  }

  @Override
  public List<String> joinedRooms() {
    return CommandTiming.waitingOnPort(chat::joinedRooms);
  }

  @Override
  public String join(String roomIdOrAlias) {
    return CommandTiming.waitingOnPort(() -> chat.join(roomIdOrAlias));
  }

  @Override
  public void leave(String roomId) {
    CommandTiming.runWaitingOnPort(() -> chat.leave(roomId));
  }

  @Override
  public String encryptedDirectRoom(String userId) {
    return CommandTiming.waitingOnPort(() -> chat.encryptedDirectRoom(userId));
  }
}
