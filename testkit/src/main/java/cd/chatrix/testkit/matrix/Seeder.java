package cd.chatrix.testkit.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills the store directly (no HTTP) with rooms full of messages, for load tests and benchmarks
 * that need a large initial sync. The events are the same as those the endpoints would write.
 */
final class Seeder {
  private final ServerState state;

  Seeder(ServerState state) {
    this.state = state;
  }

  List<String> seed(String owner, List<String> members, int rooms, int messagesPerRoom) {
    requireUser(owner);
    members.forEach(this::requireUser);
    Session ownerSession = new Session(owner, "SEEDER", "");
    List<String> ids = new ArrayList<>(rooms);
    for (int r = 0; r < rooms; r++) {
      Room room = state.rooms.create();
      ids.add(room.roomId);
      append(
          room,
          owner,
          "m.room.create",
          "",
          Json.object()
              .put("creator", owner)
              .put("room_version", state.dialect.roomVersions().defaultVersion()));
      append(room, owner, "m.room.member", owner, member(owner));
      ObjectNode levels = Json.object();
      levels.putObject("users").put(owner, 100);
      append(room, owner, "m.room.power_levels", "", levels);
      append(room, owner, "m.room.join_rules", "", Json.object().put("join_rule", "invite"));
      append(room, owner, "m.room.name", "", Json.object().put("name", "seeded room " + r));
      for (String member : members) {
        if (!member.equals(owner)) {
          append(room, owner, "m.room.member", member, Json.object().put("membership", "invite"));
          append(room, member, "m.room.member", member, member(member));
        }
      }
      for (int m = 0; m < messagesPerRoom; m++) {
        ObjectNode content = Json.object().put("msgtype", "m.text").put("body", "message " + m);
        state.rooms.append(
            room,
            "m.room.message",
            owner,
            null,
            content,
            Optional.of(ownerSession),
            Optional.empty());
      }
    }
    return ids;
  }

  private ObjectNode member(String userId) {
    ObjectNode content = Json.object().put("membership", "join");
    state.accounts.user(userId).ifPresent(u -> content.put("displayname", u.displayName));
    return content;
  }

  private void append(Room room, String sender, String type, String stateKey, ObjectNode content) {
    state.rooms.append(room, type, sender, stateKey, content, Optional.empty(), Optional.empty());
  }

  private void requireUser(String userId) {
    if (state.accounts.user(userId).isEmpty()) {
      throw new IllegalArgumentException(userId + " is not registered on this server");
    }
  }
}
