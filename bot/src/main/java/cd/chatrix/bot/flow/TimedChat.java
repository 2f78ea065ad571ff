package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import java.util.List;
import java.util.Optional;

/**
 * The chat port with every call's wait for the homeserver counted apart in the command's timing.
 */
public record TimedChat(ChatPort chat) implements ChatPort {
  @Override
  public String send(String roomId, OutgoingMessage message) {
    return CommandTiming.waitingOnPort(() -> chat.send(roomId, message));
  }

  @Override
  public void edit(String roomId, String eventId, OutgoingMessage newContent) {
    CommandTiming.waitingOnPort(() -> {
      chat.edit(roomId, eventId, newContent);
      return null;
    });
  }

  @Override
  public void react(String roomId, String eventId, String key) {
    CommandTiming.waitingOnPort(() -> {
      chat.react(roomId, eventId, key);
      return null;
    });
  }

  @Override
  public void redact(String roomId, String eventId, String reason) {
    CommandTiming.waitingOnPort(() -> {
      chat.redact(roomId, eventId, reason);
      return null;
    });
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
    CommandTiming.waitingOnPort(() -> {
      chat.leave(roomId);
      return null;
    });
  }
}
