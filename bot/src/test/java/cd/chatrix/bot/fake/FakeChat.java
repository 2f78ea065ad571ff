package cd.chatrix.bot.fake;

import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Records everything the bot says and does in chat. */
public final class FakeChat implements ChatPort {
  public record Sent(String roomId, String eventId, OutgoingMessage message) {
    public String body() {
      return message.body();
    }

    public String html() {
      return message.html();
    }
  }

  public record Edit(String roomId, String eventId, OutgoingMessage message) {}

  public record Reaction(String roomId, String eventId, String key) {}

  public record File(String roomId, FileAttachment file, Optional<Relation> relation) {}

  private final AtomicInteger ids = new AtomicInteger();
  public final List<Sent> sent = new ArrayList<>();
  public final List<Edit> edits = new ArrayList<>();
  public final List<Reaction> reactions = new ArrayList<>();
  public final List<File> files = new ArrayList<>();
  public final Set<String> joined = new LinkedHashSet<>();
  public final List<String> left = new ArrayList<>();
  public final List<String> redactions = new ArrayList<>();
  public final Map<String, RoomInfo> rooms = new HashMap<>();
  public final Set<String> unjoinable = new LinkedHashSet<>();

  @Override
  public synchronized String send(String roomId, OutgoingMessage message) {
    String id = "$bot" + ids.incrementAndGet();
    sent.add(new Sent(roomId, id, message));
    return id;
  }

  @Override
  public synchronized void edit(String roomId, String eventId, OutgoingMessage newContent) {
    edits.add(new Edit(roomId, eventId, newContent));
  }

  @Override
  public synchronized void react(String roomId, String eventId, String key) {
    reactions.add(new Reaction(roomId, eventId, key));
  }

  @Override
  public synchronized void redact(String roomId, String eventId, String reason) {
    redactions.add(eventId);
  }

  @Override
  public synchronized String sendFile(
      String roomId, FileAttachment file, Optional<Relation> relation) {
    files.add(new File(roomId, file, relation));
    return "$file" + ids.incrementAndGet();
  }

  @Override
  public synchronized Optional<RoomInfo> roomInfo(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  @Override
  public synchronized List<String> joinedRooms() {
    return List.copyOf(joined);
  }

  @Override
  public synchronized String join(String roomIdOrAlias) {
    if (unjoinable.contains(roomIdOrAlias)) {
      throw new PortException("the homeserver refused: M_FORBIDDEN");
    }
    joined.add(roomIdOrAlias);
    return roomIdOrAlias;
  }

  @Override
  public synchronized void leave(String roomId) {
    joined.remove(roomId);
    left.add(roomId);
  }

  /** The private rooms opened, by user; {@link #encryptedDirectRoom} reuses them. */
  public final Map<String, String> directRooms = new HashMap<>();

  public int directRoomsOpened;

  /** Opens (once per user) an encrypted room of the bot and the user alone. */
  @Override
  public synchronized String encryptedDirectRoom(String userId) {
    return directRooms.computeIfAbsent(
        userId,
        u -> {
          directRoomsOpened++;
          String room = "!dm-" + directRoomsOpened + ":example.org";
          rooms.put(room, new RoomInfo(room, "", true, true, List.of(Harness.BOT, u)));
          return room;
        });
  }

  public synchronized Sent last() {
    return sent.getLast();
  }

  /** What was sent in the thread rooted at {@code rootEventId}, oldest first. */
  public synchronized List<Sent> inThread(String rootEventId) {
    return sent.stream()
        .filter(s ->
            s.message()
                .relation()
                .filter(r -> r instanceof Relation.Thread t && t.eventId().equals(rootEventId))
                .isPresent())
        .toList();
  }

  public synchronized List<Sent> sentSince(int index) {
    return List.copyOf(sent.subList(index, sent.size()));
  }

  public synchronized Optional<Edit> lastEditOf(String eventId) {
    return edits.reversed().stream().filter(e -> e.eventId().equals(eventId)).findFirst();
  }

  public synchronized int count() {
    return sent.size();
  }
}
