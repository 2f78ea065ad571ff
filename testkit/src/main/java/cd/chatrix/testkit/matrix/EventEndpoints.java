package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Sending (idempotent per device and transaction id), redacting and reading room events. */
final class EventEndpoints {
  private final ServerState state;
  private final Aggregations aggregations;

  EventEndpoints(ServerState state) {
    this.state = state;
    this.aggregations = new Aggregations(state);
  }

  void register(Router router) {
    router.put("client/rooms/{roomId}/send/{type}/{txnId}", this::send);
    router.put("client/rooms/{roomId}/redact/{eventId}/{txnId}", this::redact);
    router.get("client/rooms/{roomId}/event/{eventId}", this::event);
    router.get("client/rooms/{roomId}/messages", this::messages);
    router.get("client/rooms/{roomId}/context/{eventId}", this::context);
    router.put("client/rooms/{roomId}/typing/{userId}", this::typing);
    router.post("client/rooms/{roomId}/receipt/{receiptType}/{eventId}", this::receipt);
    router.post("client/rooms/{roomId}/read_markers", this::readMarkers);
  }

  private Reply send(Call call) {
    return once(call, () -> appendSent(call));
  }

  private RoomEvent appendSent(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    String type = call.param("type");
    if (room.userLevel(call.userId()) < room.eventLevel(type, false)) {
      throw MatrixError.forbidden("Your power level is too low to send " + type + " here.");
    }
    RoomEvent event =
        state.rooms.append(
            room,
            type,
            call.userId(),
            null,
            call.json(),
            Optional.of(call.session()),
            Optional.of(call.param("txnId")));
    return event;
  }

  private Reply redact(Call call) {
    return once(call, () -> appendRedaction(call));
  }

  private RoomEvent appendRedaction(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    RoomEvent target = eventIn(room, call.param("eventId"));
    boolean own = target.sender.equals(call.userId());
    if (!own && room.userLevel(call.userId()) < room.actionLevel("redact", 50)) {
      throw MatrixError.forbidden("Your power level is too low to redact others' events.");
    }
    ObjectNode content = Json.object();
    String reason = Json.str(call.json(), "reason");
    if (!reason.isEmpty()) {
      content.put("reason", reason);
    }
    content.put("redacts", target.eventId);
    RoomEvent redaction =
        state.rooms.append(
            room,
            "m.room.redaction",
            call.userId(),
            null,
            content,
            Optional.of(call.session()),
            Optional.of(call.param("txnId")));
    target.redact(redaction);
    return redaction;
  }

  /**
   * A transactional PUT: a retry with the same transaction id gets the first answer back instead of
   * a second event (spec: client-server API, "Transaction identifiers").
   */
  private Reply once(Call call, java.util.function.Supplier<RoomEvent> append) {
    Optional<JsonNode> earlier = state.txns.answer(call.session(), call.path());
    if (earlier.isPresent()) {
      return Reply.json(earlier.get());
    }
    ObjectNode answer = Json.object().put("event_id", append.get().eventId);
    state.txns.remember(call.session(), call.path(), answer, TxnStore.ROOM_EVENTS);
    return Reply.json(answer);
  }

  private RoomEvent eventIn(Room room, String eventId) {
    return state
        .rooms
        .event(eventId)
        .filter(e -> e.roomId.equals(room.roomId))
        .orElseThrow(() -> MatrixError.notFound("The room has no such event."));
  }

  private Reply event(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    RoomEvent event = eventIn(room, call.param("eventId"));
    return Reply.json(aggregations.bundle(event, call.session()));
  }

  private Reply messages(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    boolean backwards = call.query("dir").orElse("b").equals("b");
    int limit = Math.max(1, Math.min(1000, call.queryInt("limit", 10)));
    long from =
        call.query("from").map(SyncBuilder::parseToken).orElse(backwards ? state.position() : 0L);
    Optional<Long> to = call.query("to").map(SyncBuilder::parseToken);
    SyncFilter filter =
        call.query("filter").map(f -> SyncFilter.from(wrapRoomFilter(f))).orElse(SyncFilter.none());
    List<RoomEvent> candidates = new ArrayList<>();
    for (RoomEvent event : backwards ? room.events.reversed() : room.events) {
      boolean inRange =
          backwards
              ? event.position <= from && to.map(t -> event.position > t).orElse(true)
              : event.position > from && to.map(t -> event.position <= t).orElse(true);
      if (inRange) {
        candidates.add(event);
      }
    }
    List<RoomEvent> page = candidates.subList(0, Math.min(limit, candidates.size()));
    ObjectNode out = Json.object();
    out.put("start", SyncBuilder.token(from));
    ArrayNode chunk = out.putArray("chunk");
    page.stream()
        .filter(e -> filter.wantsType(e.type))
        .forEach(e -> chunk.add(aggregations.bundle(e, call.session())));
    // Synapse (PaginationHandler.get_messages) gives an "end" with every page that has events,
    // the last one included, and leaves it out only when there are none: a client learns that the
    // history is over from an empty page, one request later.
    if (!page.isEmpty()) {
      RoomEvent last = page.getLast();
      out.put("end", SyncBuilder.token(backwards ? last.position - 1 : last.position));
    }
    ArrayNode stateEvents = out.putArray("state");
    if (filter.lazyLoadMembers()) {
      page.stream()
          .map(e -> e.sender)
          .distinct()
          .forEach(sender ->
              room.state("m.room.member", sender)
                  .ifPresent(m -> stateEvents.add(m.toJson(Optional.of(call.session()), true))));
    }
    return Reply.json(out);
  }

  /** The event with up to {@code limit} events around it and the room state at its end. */
  private Reply context(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    RoomEvent target = eventIn(room, call.param("eventId"));
    int limit = Math.max(0, Math.min(100, call.queryInt("limit", 10)));
    int index = room.events.indexOf(target);
    int before = limit / 2;
    List<RoomEvent> earlier = room.events.subList(Math.max(0, index - before), index);
    List<RoomEvent> later =
        room.events.subList(index + 1, Math.min(room.events.size(), index + 1 + limit - before));
    ObjectNode out = Json.object();
    out.set("event", aggregations.bundle(target, call.session()));
    ArrayNode beforeNode = out.putArray("events_before");
    earlier.reversed().forEach(e -> beforeNode.add(aggregations.bundle(e, call.session())));
    ArrayNode afterNode = out.putArray("events_after");
    later.forEach(e -> afterNode.add(aggregations.bundle(e, call.session())));
    long start = earlier.isEmpty() ? target.position - 1 : earlier.getFirst().position - 1;
    long end = later.isEmpty() ? target.position : later.getLast().position;
    out.put("start", SyncBuilder.token(start));
    out.put("end", SyncBuilder.token(end));
    ArrayNode stateNode = out.putArray("state");
    room.stateAt(end)
        .values()
        .forEach(e -> stateNode.add(e.toJson(Optional.of(call.session()), true)));
    return Reply.json(out);
  }

  /** /messages takes a RoomEventFilter; reuse the sync filter parser by nesting it. */
  private static JsonNode wrapRoomFilter(String raw) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(raw);
    } catch (tools.jackson.core.JacksonException e) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "The filter is not valid JSON.");
    }
    if (!parsed.isObject()) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "The filter must be a JSON object.");
    }
    ObjectNode wrapper = Json.object();
    ObjectNode room = wrapper.putObject("room");
    room.set("timeline", parsed.deepCopy());
    ObjectNode timeline = (ObjectNode) room.get("timeline");
    timeline.put("limit", 1000);
    if (parsed.path("lazy_load_members").asBoolean(false)) {
      room.putObject("state").put("lazy_load_members", true);
    }
    return wrapper;
  }

  private Reply typing(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    if (!call.param("userId").equals(call.userId())) {
      throw MatrixError.forbidden("You can only set your own typing state.");
    }
    ObjectNode body = call.json();
    state.ephemeral.typing(
        room.roomId,
        call.userId(),
        body.path("typing").asBoolean(false),
        body.path("timeout").asLong(30_000));
    return Reply.empty();
  }

  private Reply receipt(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    String type = call.param("receiptType");
    if (!type.equals("m.read") && !type.equals("m.read.private") && !type.equals("m.fully_read")) {
      throw MatrixError.badRequest("M_INVALID_PARAM", "Unknown receipt type " + type + ".");
    }
    String eventId = call.param("eventId");
    requireEvent(room, eventId);
    if (type.equals("m.fully_read")) {
      state.accountData.put(
          call.userId(), room.roomId, "m.fully_read", Json.object().put("event_id", eventId));
    } else {
      String thread = call.body().length == 0 ? "" : Json.str(call.json(), "thread_id");
      state.ephemeral.receipt(room.roomId, call.userId(), type, eventId, thread);
    }
    return Reply.empty();
  }

  private Reply readMarkers(Call call) {
    Room room = state.rooms.joined(call.param("roomId"), call.userId());
    ObjectNode body = call.json();
    String fullyRead = Json.str(body, "m.fully_read");
    if (!fullyRead.isEmpty()) {
      requireEvent(room, fullyRead);
      state.accountData.put(
          call.userId(), room.roomId, "m.fully_read", Json.object().put("event_id", fullyRead));
    }
    for (String type : new String[] {"m.read", "m.read.private"}) {
      String eventId = Json.str(body, type);
      if (!eventId.isEmpty()) {
        requireEvent(room, eventId);
        state.ephemeral.receipt(room.roomId, call.userId(), type, eventId, "");
      }
    }
    return Reply.empty();
  }

  private void requireEvent(Room room, String eventId) {
    state
        .rooms
        .event(eventId)
        .filter(e -> e.roomId.equals(room.roomId))
        .orElseThrow(() -> MatrixError.notFound("The room has no event " + eventId + "."));
  }
}
