package cd.chatrix.testkit.matrix;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Profiles (display name, avatar) and account data. */
final class ProfileEndpoints {
  private final ServerState state;
  private final Membership membership;

  ProfileEndpoints(ServerState state) {
    this.state = state;
    this.membership = new Membership(state);
  }

  void register(Router router) {
    router.add("GET", "client/profile/{userId}", Router.Auth.NONE, this::profile);
    router.add("GET", "client/profile/{userId}/displayname", Router.Auth.NONE, this::profile);
    router.add("GET", "client/profile/{userId}/avatar_url", Router.Auth.NONE, this::profile);
    router.put("client/profile/{userId}/displayname", c -> update(c, "displayname"));
    router.put("client/profile/{userId}/avatar_url", c -> update(c, "avatar_url"));
    router.get("client/user/{userId}/account_data/{type}", c -> getData(c, ""));
    router.put("client/user/{userId}/account_data/{type}", c -> putData(c, ""));
    router.get(
        "client/user/{userId}/rooms/{roomId}/account_data/{type}",
        c -> getData(c, c.param("roomId")));
    router.put(
        "client/user/{userId}/rooms/{roomId}/account_data/{type}",
        c -> putData(c, c.param("roomId")));
    router.put("client/presence/{userId}/status", this::setPresence);
    router.get("client/presence/{userId}/status", this::presence);
    router.get("client/pushrules/", c -> Reply.json(Json.object().set("global", Json.object())));
  }

  private Reply profile(Call call) {
    Accounts.User user = named(call);
    ObjectNode out = Json.object();
    out.put("displayname", user.displayName);
    if (!user.avatarUrl.isEmpty()) {
      out.put("avatar_url", user.avatarUrl);
    }
    return Reply.json(out);
  }

  /** Updating the profile also refreshes the user's member event in every joined room. */
  private Reply update(Call call, String field) {
    if (!call.param("userId").equals(call.userId())) {
      throw MatrixError.forbidden("You can only change your own profile.");
    }
    Accounts.User user = state.accounts.user(call.userId()).orElseThrow();
    String value = Json.str(call.json(), field);
    if (field.equals("displayname")) {
      user.displayName = value;
    } else {
      user.avatarUrl = value;
    }
    for (Room room : state.rooms.roomsOf(call.userId())) {
      if (room.membership(call.userId()).equals("join")) {
        membership.set(room, call.session(), call.userId(), "join", Optional.empty());
      }
    }
    return Reply.empty();
  }

  /** Presence is stored and served, but not pushed through /sync's presence section. */
  private Reply setPresence(Call call) {
    if (!call.param("userId").equals(call.userId())) {
      throw MatrixError.forbidden("You can only set your own presence.");
    }
    String presence = Json.str(call.json(), "presence");
    if (!presence.equals("online")
        && !presence.equals("offline")
        && !presence.equals("unavailable")) {
      throw MatrixError.badRequest(
          "M_INVALID_PARAM", "presence must be online, offline or unavailable.");
    }
    Accounts.User user = state.accounts.user(call.userId()).orElseThrow();
    user.presence = presence;
    user.statusMessage = Json.str(call.json(), "status_msg");
    user.presenceSince = System.currentTimeMillis();
    return Reply.empty();
  }

  private Reply presence(Call call) {
    Accounts.User user = named(call);
    ObjectNode out = Json.object().put("presence", user.presence);
    if (user.presenceSince > 0) {
      out.put("last_active_ago", System.currentTimeMillis() - user.presenceSince);
    }
    if (!user.statusMessage.isEmpty()) {
      out.put("status_msg", user.statusMessage);
    }
    return Reply.json(out);
  }

  /** The user the path names ({@code userId}), or 404. */
  private Accounts.User named(Call call) {
    return state
        .accounts
        .user(call.param("userId"))
        .orElseThrow(() -> MatrixError.notFound("No such user."));
  }

  private Reply getData(Call call, String roomId) {
    ownUser(call);
    return Reply.json(
        state
            .accountData
            .get(call.userId(), roomId, call.param("type"))
            .orElseThrow(() -> MatrixError.notFound("No account data of that type.")));
  }

  private Reply putData(Call call, String roomId) {
    ownUser(call);
    state.accountData.put(call.userId(), roomId, call.param("type"), call.json());
    return Reply.empty();
  }

  private static void ownUser(Call call) {
    if (!call.param("userId").equals(call.userId())) {
      throw MatrixError.forbidden("You can only use your own account data.");
    }
  }
}
