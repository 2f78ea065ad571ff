package cd.chatrix.bench.jmh;

import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat that answers at once and only counts what the bot sent: unlike the test fakes it keeps no
 * history, so millions of benchmark operations do not fill the heap and skew the figures.
 */
final class CountingChat implements ChatPort {
  private final Map<String, RoomInfo> rooms;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong edits = new AtomicLong();
  private volatile int lastBodyLength;

  CountingChat(Map<String, RoomInfo> rooms) {
    this.rooms = Map.copyOf(rooms);
  }

  /** Messages and edits so far; a benchmark returns it so the JIT cannot drop the bot's work. */
  long activity() {
    return sent.get() + edits.get() + lastBodyLength;
  }

  /** Messages sent (not edits). */
  long replies() {
    return sent.get();
  }

  /** Status messages edited. */
  long edits() {
    return edits.get();
  }

  @Override
  public String send(String roomId, OutgoingMessage message) {
    lastBodyLength = message.body().length();
    return "$bench" + sent.incrementAndGet();
  }

  @Override
  public void edit(String roomId, String eventId, OutgoingMessage newContent) {
    lastBodyLength = newContent.body().length();
    edits.incrementAndGet();
  }

  @Override
  public void react(String roomId, String eventId, String key) {}

  @Override
  public void redact(String roomId, String eventId, String reason) {}

  @Override
  public String sendFile(String roomId, FileAttachment file, Optional<Relation> relation) {
    return "$file" + sent.incrementAndGet();
  }

  @Override
  public Optional<RoomInfo> roomInfo(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  @Override
  public List<String> joinedRooms() {
    return List.copyOf(rooms.keySet());
  }

  @Override
  public String join(String roomIdOrAlias) {
    return roomIdOrAlias;
  }

  @Override
  public void leave(String roomId) {}
}
