package cd.chatrix.testkit.matrix;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side bundled aggregations ({@code unsigned.m.relations}) for threads, edits and
 * references, as the spec's relations module describes for events served by /event, /messages and
 * /relations.
 */
final class Aggregations {
  private final ServerState state;

  Aggregations(ServerState state) {
    this.state = state;
  }

  ObjectNode bundle(RoomEvent event, Session viewer) {
    ObjectNode json = event.toJson(Optional.of(viewer), true);
    List<RoomEvent> children = state.rooms.children(event.eventId);
    if (children.isEmpty() || event.redacted()) {
      return json;
    }
    ObjectNode relations = Json.object();
    List<RoomEvent> thread = ofType(children, "m.thread");
    if (!thread.isEmpty()) {
      ObjectNode summary = relations.putObject("m.thread");
      summary.set("latest_event", thread.getLast().toJson(Optional.of(viewer), true));
      summary.put("count", thread.size());
      boolean participated =
          event.sender.equals(viewer.userId())
              || thread.stream().anyMatch(e -> e.sender.equals(viewer.userId()));
      summary.put("current_user_participated", participated);
    }
    ofType(children, "m.replace").stream()
        .filter(e -> e.sender.equals(event.sender) && e.type.equals(event.type))
        .reduce((first, second) -> second)
        .ifPresent(edit -> relations.set("m.replace", edit.toJson(Optional.of(viewer), true)));
    List<RoomEvent> references = ofType(children, "m.reference");
    if (!references.isEmpty()) {
      var chunk = relations.putObject("m.reference").putArray("chunk");
      references.forEach(r -> chunk.addObject().put("event_id", r.eventId));
    }
    if (!relations.isEmpty()) {
      ((ObjectNode) json.get("unsigned")).set("m.relations", relations);
    }
    return json;
  }

  static List<RoomEvent> ofType(List<RoomEvent> children, String relType) {
    return children.stream()
        .filter(e -> e.relation().map(r -> r.relType().equals(relType)).orElse(false))
        .toList();
  }
}
