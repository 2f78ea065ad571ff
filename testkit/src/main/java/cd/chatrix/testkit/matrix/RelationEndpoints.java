package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET /relations (annotations, edits, threads, references) with pagination, and the thread list.
 * Pagination tokens are stream positions: {@code from} is exclusive in the paging direction.
 */
final class RelationEndpoints {
  private final ServerState state;
  private final Aggregations aggregations;

  RelationEndpoints(ServerState state) {
    this.state = state;
    this.aggregations = new Aggregations(state);
  }

  void register(Router router) {
    router.get("client/rooms/{roomId}/relations/{eventId}", this::relations);
    router.get("client/rooms/{roomId}/relations/{eventId}/{relType}", this::relations);
    router.get("client/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}", this::relations);
    router.get("client/rooms/{roomId}/threads", this::threads);
  }

  private Reply relations(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    String parent = call.param("eventId");
    state
        .rooms
        .event(parent)
        .filter(e -> e.roomId.equals(room.roomId))
        .orElseThrow(() -> MatrixError.notFound("The room has no such event."));
    String relType = call.param("relType");
    String eventType = call.param("eventType");
    boolean backwards = call.query("dir").orElse("b").equals("b");
    int limit = Math.max(1, Math.min(1000, call.queryInt("limit", 50)));
    Optional<Long> from = call.query("from").map(SyncBuilder::parseToken);
    List<RoomEvent> matching = new ArrayList<>();
    for (RoomEvent child : state.rooms.children(parent)) {
      RoomEvent.Relation relation = child.relation().orElseThrow();
      boolean typeOk = relType.isEmpty() || relation.relType().equals(relType);
      boolean eventOk = eventType.isEmpty() || child.type.equals(eventType);
      boolean pageOk =
          from.map(f -> backwards ? child.position < f : child.position > f).orElse(true);
      if (typeOk && eventOk && pageOk) {
        matching.add(child);
      }
    }
    if (backwards) {
      matching = matching.reversed();
    }
    List<RoomEvent> page = matching.subList(0, Math.min(limit, matching.size()));
    ObjectNode out = Json.object();
    ArrayNode chunk = out.putArray("chunk");
    page.forEach(e -> chunk.add(aggregations.bundle(e, call.session())));
    if (matching.size() > page.size()) {
      out.put("next_batch", SyncBuilder.token(page.getLast().position));
    }
    from.ifPresent(f -> out.put("prev_batch", SyncBuilder.token(f)));
    return Reply.json(out);
  }

  private Reply threads(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    boolean onlyMine = call.query("include").orElse("all").equals("participated");
    List<RoomEvent> roots = new ArrayList<>();
    for (RoomEvent event : room.events) {
      List<RoomEvent> thread = Aggregations.ofType(state.rooms.children(event.eventId), "m.thread");
      if (thread.isEmpty()) {
        continue;
      }
      boolean mine =
          event.sender.equals(call.userId())
              || thread.stream().anyMatch(e -> e.sender.equals(call.userId()));
      if (!onlyMine || mine) {
        roots.add(event);
      }
    }
    roots.sort(
        Comparator.comparingLong((RoomEvent e) ->
                Aggregations.ofType(state.rooms.children(e.eventId), "m.thread").getLast().position)
            .reversed());
    ObjectNode out = Json.object();
    ArrayNode chunk = out.putArray("chunk");
    roots.forEach(e -> chunk.add(aggregations.bundle(e, call.session())));
    return Reply.json(out);
  }
}
