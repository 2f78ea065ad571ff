package cd.chatrix.matrix.room;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Joining, leaving and asking for members. */
public final class RoomActions {
  private final HttpTransport transport;

  public RoomActions(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * Joins by room id or alias and returns the room id. Joining (like leaving) twice ends in the
   * same membership, so these are retried when an answer is lost.
   */
  public String join(String roomIdOrAlias) {
    JsonNode body =
        transport.call(
            MatrixRequest.postJson(
                    "/_matrix/client/v3/join/" + MatrixRequest.segment(roomIdOrAlias), Map.of())
                .retrySafe(true));
    return Json.text(body, "room_id");
  }

  /** Leaves a room, or declines an invite. */
  public void leave(String roomId) {
    transport.call(
        MatrixRequest.postJson(
                "/_matrix/client/v3/rooms/" + MatrixRequest.segment(roomId) + "/leave", Map.of())
            .retrySafe(true));
  }

  /**
   * Asks the server whether a room is encrypted, for rooms sync has not shown yet: sending clear
   * text into an encrypted room because the cache was cold must not happen.
   */
  public boolean isEncrypted(String roomId) {
    MatrixRequest request =
        MatrixRequest.get(
            "/_matrix/client/v3/rooms/"
                + MatrixRequest.segment(roomId)
                + "/state/m.room.encryption/");
    HttpResult result = transport.exchange(request);
    // Only "no such state event" means clear text is fine; a proxy's 404 (M_UNRECOGNIZED or a
    // page) says nothing about the room and fails like any other error.
    if (result.status() == 404 && result.error().is("M_NOT_FOUND")) {
      return false;
    }
    return !Json.text(HttpTransport.expectOk(request, result).json(), "algorithm").isEmpty();
  }

  /** Sends a read receipt, so people see the bot has taken in their command. */
  public void markRead(String roomId, String eventId) {
    transport.call(
        MatrixRequest.postJson(
                "/_matrix/client/v3/rooms/"
                    + MatrixRequest.segment(roomId)
                    + "/receipt/m.read/"
                    + MatrixRequest.segment(eventId),
                Map.of())
            .retrySafe(true));
  }

  /** Shows (or stops showing) that {@code userId} is typing, e.g. while a command runs. */
  public void typing(String roomId, String userId, boolean typing, java.time.Duration timeout) {
    Map<String, Object> body =
        typing ? Map.of("typing", true, "timeout", timeout.toMillis()) : Map.of("typing", false);
    transport.call(
        MatrixRequest.putJson(
            "/_matrix/client/v3/rooms/"
                + MatrixRequest.segment(roomId)
                + "/typing/"
                + MatrixRequest.segment(userId),
            body));
  }

  /** The joined members with their display names. */
  public Map<String, Member> joinedMembers(String roomId) {
    JsonNode body =
        transport.call(
            MatrixRequest.get(
                "/_matrix/client/v3/rooms/" + MatrixRequest.segment(roomId) + "/joined_members"));
    Map<String, Member> members = new HashMap<>();
    body.path("joined")
        .properties()
        .forEach(e -> {
          String name = Json.text(e.getValue(), "display_name");
          members.put(
              e.getKey(),
              new Member(
                  e.getKey(), name.isEmpty() ? Optional.empty() : Optional.of(name), "join"));
        });
    return members;
  }
}
