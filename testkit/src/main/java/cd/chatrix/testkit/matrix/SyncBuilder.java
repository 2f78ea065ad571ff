package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one /sync response for a device from {@code since} up to the current stream position.
 * Callers hold the server lock. Positions are global, so a timeline's {@code prev_batch} is simply
 * the position before its first event and works directly with /messages.
 */
final class SyncBuilder {
  private final ServerState state;

  private static final int REMEMBERED_POSITIONS = 64;

  /**
   * Members a device was sent per room when lazy-loading, remembered per position handed out as
   * next_batch: a client that retries an older since (say, after a crash) gets the members again
   * instead of missing them.
   */
  private final Map<String, LinkedHashMap<Long, Map<String, Set<String>>>> lazySent =
      new HashMap<>();

  SyncBuilder(ServerState state) {
    this.state = state;
  }

  static String token(long position) {
    return "s" + position;
  }

  static long parseToken(String token) {
    try {
      if (token.startsWith("s") || token.startsWith("t")) {
        return Long.parseLong(token.substring(1));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw MatrixError.badRequest(
        "M_INVALID_PARAM", "'" + token + "' is not a token this server issued.");
  }

  /** The response; {@code hasNews} tells a long-poll whether to answer now. */
  record Result(ObjectNode body, boolean hasNews) {}

  Result build(Session session, long since, boolean initial, SyncFilter filter, boolean fullState) {
    String userId = session.userId();
    String deviceKey = session.userId() + "|" + session.deviceId();
    LinkedHashMap<Long, Map<String, Set<String>>> byPosition =
        lazySent.computeIfAbsent(deviceKey, k -> new LinkedHashMap<>());
    Map<String, Set<String>> lazy = new HashMap<>();
    if (!initial) {
      byPosition
          .getOrDefault(since, Map.of())
          .forEach((room, members) -> lazy.put(room, new LinkedHashSet<>(members)));
    }
    byPosition.put(state.position(), lazy);
    while (byPosition.size() > REMEMBERED_POSITIONS) {
      byPosition.pollFirstEntry();
    }
    ObjectNode body = Json.object();
    body.put("next_batch", token(state.position()));
    ObjectNode rooms = body.putObject("rooms");
    ObjectNode join = rooms.putObject("join");
    ObjectNode invite = rooms.putObject("invite");
    ObjectNode leave = rooms.putObject("leave");
    rooms.putObject("knock");
    boolean news = false;
    for (Room room : state.rooms.roomsOf(userId)) {
      if (!filter.wantsRoom(room.roomId)) {
        continue;
      }
      RoomEvent member = room.state("m.room.member", userId).orElseThrow();
      String membership = member.contentString("membership");
      Set<String> sentMembers = lazy.computeIfAbsent(room.roomId, k -> new LinkedHashSet<>());
      switch (membership) {
        case "join" -> {
          // full_state sends the whole state again but, per the spec, only the timeline since
          // the token; a room the user is new to gets its timeline from the start.
          boolean newToUser = initial || joinedAfter(room, userId, since);
          boolean fresh = newToUser || fullState;
          Optional<ObjectNode> section =
              joinedRoom(
                  session, room, newToUser ? 0 : since, fresh, filter, sentMembers, Long.MAX_VALUE);
          if (section.isPresent()) {
            join.set(room.roomId, section.get());
            news = true;
          }
        }
        case "invite" -> {
          if (initial || member.position > since) {
            invite
                .putObject(room.roomId)
                .putObject("invite_state")
                .set("events", inviteState(room, userId));
            news = true;
          }
        }
        default -> {
          boolean wanted = initial ? filter.includeLeave() : member.position > since;
          if (wanted && !everJoined(room, userId, member.position)) {
            leave.set(room.roomId, onlyOwnMembership(session, member));
            news = true;
          } else if (wanted) {
            joinedRoom(
                    session,
                    room,
                    initial ? 0 : since,
                    initial,
                    filter,
                    sentMembers,
                    member.position)
                .ifPresent(section -> leave.set(room.roomId, section));
            news = true;
          }
        }
      }
    }
    ArrayNode toDevice = state.toDevice.deliver(session, since);
    body.putObject("to_device").set("events", toDevice);
    ArrayNode accountData = state.accountData.since(userId, "", initial ? 0 : since);
    body.putObject("account_data").set("events", accountData);
    body.putObject("presence").putArray("events");
    ObjectNode deviceLists = body.putObject("device_lists");
    DeviceListDelta delta = initial ? DeviceListDelta.EMPTY : deviceListDelta(userId, since);
    ArrayNode changed = deviceLists.putArray("changed");
    delta.changed().forEach(changed::add);
    ArrayNode left = deviceLists.putArray("left");
    delta.left().forEach(left::add);
    body.set("device_one_time_keys_count", state.keys.oneTimeKeyCounts(userId, session.deviceId()));
    ArrayNode fallback = body.putArray("device_unused_fallback_key_types");
    state.keys.unusedFallbackTypes(userId, session.deviceId()).forEach(fallback::add);
    news |= !toDevice.isEmpty() || !accountData.isEmpty() || !delta.isEmpty();
    return new Result(body, news);
  }

  private static boolean everJoined(Room room, String userId, long until) {
    return room.events.stream()
        .anyMatch(e ->
            e.position <= until
                && e.type.equals("m.room.member")
                && userId.equals(e.stateKey)
                && e.contentString("membership").equals("join"));
  }

  /** A rejected or withdrawn invite: the user never saw the room, only its own membership. */
  private static ObjectNode onlyOwnMembership(Session session, RoomEvent member) {
    ObjectNode out = Json.object();
    out.putObject("state").putArray("events");
    ObjectNode timeline = out.putObject("timeline");
    timeline.putArray("events").add(member.toJson(Optional.of(session), false));
    timeline.put("limited", false);
    timeline.put("prev_batch", token(member.position - 1));
    out.putObject("account_data").putArray("events");
    return out;
  }

  private static boolean joinedAfter(Room room, String userId, long since) {
    for (RoomEvent event : room.events.reversed()) {
      if (event.position <= since) {
        return false;
      }
      if (event.type.equals("m.room.member")
          && userId.equals(event.stateKey)
          && event.contentString("membership").equals("join")
          && !event.prevContent.map(p -> Json.str(p, "membership")).orElse("").equals("join")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The timeline and state of a room the user is (or was, up to {@code until}) in; empty when an
   * incremental sync has nothing new for it.
   */
  private Optional<ObjectNode> joinedRoom(
      Session session,
      Room room,
      long since,
      boolean fresh,
      SyncFilter filter,
      Set<String> sentMembers,
      long until) {
    List<RoomEvent> window = new ArrayList<>();
    boolean earlier = false;
    for (RoomEvent event : room.events) {
      if (event.position > until) {
        break;
      }
      if (event.position > since) {
        window.add(event);
      } else {
        earlier = true;
      }
    }
    ArrayNode roomData = state.accountData.since(session.userId(), room.roomId, since);
    boolean stillJoined = until == Long.MAX_VALUE;
    ArrayNode ephemeral =
        stillJoined ? state.ephemeral.events(room.roomId, session.userId(), since) : Json.array();
    if (window.isEmpty() && !fresh && roomData.isEmpty() && ephemeral.isEmpty()) {
      return Optional.empty();
    }
    boolean limited = window.size() > filter.timelineLimit();
    List<RoomEvent> timeline =
        limited ? window.subList(window.size() - filter.timelineLimit(), window.size()) : window;
    long startBefore =
        timeline.isEmpty() ? Math.min(until, state.position()) : timeline.getFirst().position - 1;
    ObjectNode out = Json.object();
    ArrayNode stateEvents = out.putObject("state").putArray("events");
    Set<String> needed = new LinkedHashSet<>();
    needed.add(session.userId());
    timeline.forEach(e -> needed.add(e.sender));
    for (RoomEvent event : room.stateAt(startBefore).values()) {
      boolean include;
      if (filter.lazyLoadMembers() && event.type.equals("m.room.member")) {
        include =
            needed.contains(event.stateKey)
                && (fresh || event.position > since || !sentMembers.contains(event.stateKey));
      } else {
        include = fresh || event.position > since;
      }
      if (!include) {
        continue;
      }
      if (event.type.equals("m.room.member")) {
        sentMembers.add(event.stateKey);
      }
      stateEvents.add(event.toJson(Optional.of(session), false));
    }
    ObjectNode timelineNode = out.putObject("timeline");
    ArrayNode events = timelineNode.putArray("events");
    for (RoomEvent event : timeline) {
      if (filter.wantsType(event.type)) {
        events.add(event.toJson(Optional.of(session), false));
      }
      if (event.type.equals("m.room.member")) {
        sentMembers.add(event.stateKey);
      }
    }
    timelineNode.put("limited", limited || (fresh && earlier));
    timelineNode.put("prev_batch", token(startBefore));
    out.putObject("account_data").set("events", roomData);
    if (stillJoined) {
      out.putObject("ephemeral").set("events", ephemeral);
      out.set("summary", summary(room, session.userId()));
      out.putObject("unread_notifications").put("notification_count", 0).put("highlight_count", 0);
    }
    return Optional.of(out);
  }

  private static ObjectNode summary(Room room, String userId) {
    ObjectNode summary = Json.object();
    List<String> joined = room.members("join");
    List<String> invited = room.members("invite");
    ArrayNode heroes = summary.putArray("m.heroes");
    List<String> others = new ArrayList<>(joined);
    others.addAll(invited);
    others.remove(userId);
    others.stream().sorted().limit(5).forEach(heroes::add);
    summary.put("m.joined_member_count", joined.size());
    summary.put("m.invited_member_count", invited.size());
    return summary;
  }

  private static ArrayNode inviteState(Room room, String userId) {
    ArrayNode out = Json.array();
    for (String type :
        List.of(
            "m.room.create",
            "m.room.join_rules",
            "m.room.name",
            "m.room.avatar",
            "m.room.canonical_alias",
            "m.room.encryption")) {
      room.state(type, "").ifPresent(e -> out.add(e.stripped()));
    }
    RoomEvent invite = room.state("m.room.member", userId).orElseThrow();
    room.state("m.room.member", invite.sender).ifPresent(e -> out.add(e.stripped()));
    out.add(invite.toJson(Optional.empty(), false));
    return out;
  }

  record DeviceListDelta(Set<String> changed, Set<String> left) {
    static final DeviceListDelta EMPTY = new DeviceListDelta(Set.of(), Set.of());

    boolean isEmpty() {
      return changed.isEmpty() && left.isEmpty();
    }
  }

  /** Whose device lists the user should refetch or forget, for /sync and /keys/changes. */
  DeviceListDelta deviceListDelta(String userId, long since) {
    Set<String> changed = new LinkedHashSet<>();
    Set<String> left = new LinkedHashSet<>();
    for (String other : state.keys.changedSince(since)) {
      if (other.equals(userId) || state.rooms.shareRoom(userId, other)) {
        changed.add(other);
      }
    }
    for (Room room : state.rooms.roomsOf(userId)) {
      boolean selfJoinedNow = room.membership(userId).equals("join");
      for (RoomEvent event : room.events.reversed()) {
        if (event.position <= since) {
          break;
        }
        if (!event.type.equals("m.room.member")) {
          continue;
        }
        String who = event.stateKey;
        boolean self = who.equals(userId);
        String membership = event.contentString("membership");
        if (membership.equals("join") && selfJoinedNow) {
          List<String> affected = self ? room.members("join") : List.of(who);
          affected.stream().filter(u -> !u.equals(userId)).forEach(changed::add);
        } else if (membership.equals("leave") || membership.equals("ban")) {
          List<String> affected = self ? room.members("join") : List.of(who);
          for (String other : affected) {
            if (!other.equals(userId) && !state.rooms.shareRoom(userId, other)) {
              left.add(other);
            }
          }
        }
      }
    }
    changed.removeAll(left);
    return new DeviceListDelta(changed, left);
  }
}
