package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One {@code /sync} response, split into the parts the engine and its listeners use. */
public record SyncBatch(
    String nextBatch,
    List<JoinedRoom> joined,
    List<InvitedRoom> invited,
    List<String> left,
    JsonNode raw) {

  /** A joined room's update: state before the timeline, then the timeline in order. */
  public record JoinedRoom(
      String roomId,
      List<JsonNode> state,
      List<JsonNode> timeline,
      boolean limited,
      Optional<String> prevBatch) {}

  /** An invite with the stripped state the inviter shared (name, inviter's member event). */
  public record InvitedRoom(String roomId, List<JsonNode> inviteState) {}

  public static SyncBatch parse(JsonNode body) {
    String nextBatch = Json.text(body, "next_batch");
    if (nextBatch.isEmpty()) {
      throw new IllegalArgumentException("sync response without next_batch");
    }
    JsonNode rooms = body.path("rooms");
    List<JoinedRoom> joined = new ArrayList<>();
    for (Map.Entry<String, JsonNode> room : rooms.path("join").properties()) {
      JsonNode update = room.getValue();
      JsonNode timeline = update.path("timeline");
      String prev = Json.text(timeline, "prev_batch");
      joined.add(
          new JoinedRoom(
              room.getKey(),
              events(update.path("state")),
              events(timeline),
              timeline.path("limited").asBoolean(false),
              prev.isEmpty() ? Optional.empty() : Optional.of(prev)));
    }
    List<InvitedRoom> invited = new ArrayList<>();
    for (Map.Entry<String, JsonNode> room : rooms.path("invite").properties()) {
      invited.add(new InvitedRoom(room.getKey(), events(room.getValue().path("invite_state"))));
    }
    List<String> left = new ArrayList<>();
    rooms.path("leave").properties().forEach(e -> left.add(e.getKey()));
    return new SyncBatch(nextBatch, joined, invited, left, body);
  }

  private static List<JsonNode> events(JsonNode container) {
    JsonNode array = container.path("events");
    List<JsonNode> list = new ArrayList<>(array.size());
    array.forEach(list::add);
    return list;
  }

  public int timelineEventCount() {
    return joined.stream().mapToInt(r -> r.timeline().size()).sum();
  }
}
