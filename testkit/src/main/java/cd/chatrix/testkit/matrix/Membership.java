package cd.chatrix.testkit.matrix;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Writes membership events with the profile fields servers copy into them. */
final class Membership {
  private final ServerState state;

  Membership(ServerState state) {
    this.state = state;
  }

  RoomEvent set(
      Room room, Session sender, String target, String membership, Optional<String> reason) {
    return set(room, sender, target, membership, reason, false);
  }

  RoomEvent set(
      Room room,
      Session sender,
      String target,
      String membership,
      Optional<String> reason,
      boolean direct) {
    ObjectNode content = Json.object().put("membership", membership);
    if (membership.equals("join") || membership.equals("invite")) {
      state
          .accounts
          .user(target)
          .ifPresent(user -> {
            content.put("displayname", user.displayName);
            if (!user.avatarUrl.isEmpty()) {
              content.put("avatar_url", user.avatarUrl);
            }
          });
    }
    reason.filter(r -> !r.isEmpty()).ifPresent(r -> content.put("reason", r));
    if (direct) {
      content.put("is_direct", true);
    }
    return state.rooms.append(
        room,
        "m.room.member",
        sender.userId(),
        target,
        content,
        Optional.of(sender),
        Optional.empty());
  }
}
