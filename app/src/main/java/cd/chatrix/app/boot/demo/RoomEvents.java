package cd.chatrix.app.boot.demo;

import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Reading room events as a person in the room sees them: the demo's script and the tests share it.
 */
public final class RoomEvents {
  private RoomEvents() {}

  public static String body(JsonNode event) {
    return event.path("content").path("body").asString("");
  }

  public static String eventId(JsonNode event) {
    return event.path("event_id").asString("");
  }

  public static JsonNode relation(JsonNode event) {
    return event.path("content").path("m.relates_to");
  }

  /** An edit ({@code m.replace}): the status message moving, not a new line in the room. */
  public static boolean isEdit(JsonNode event) {
    return "m.replace".equals(relation(event).path("rel_type").asString(""));
  }

  /** The bot answers a command as a reply to it, or inside a thread rooted at it. */
  public static Predicate<JsonNode> repliesTo(String commandEventId) {
    return e ->
        commandEventId.equals(relation(e).path("m.in_reply_to").path("event_id").asString(""))
            || commandEventId.equals(relation(e).path("event_id").asString(""));
  }

  /** Events whose {@code m.mentions} name {@code userId}. */
  public static Predicate<JsonNode> mentions(String userId) {
    return e -> {
      for (JsonNode id : e.path("content").path("m.mentions").path("user_ids")) {
        if (userId.equals(id.asString(""))) {
          return true;
        }
      }
      return false;
    };
  }
}
