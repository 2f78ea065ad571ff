package cd.chatrix.app;

import cd.chatrix.app.boot.demo.RoomEvents;
import cd.chatrix.testkit.matrix.TestUser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What a bot running as its own process said in one room, as a person there reads the timeline: for
 * the process tests, which have no {@link LiveBot} to ask.
 */
record BotTimeline(TestUser person, String room, String bot) {

  /** Whether the bot has joined the room. */
  boolean joined() {
    return person.timeline(room).stream().anyMatch(this::isBotJoin);
  }

  /** Whether {@code event} is the bot's join of a room. */
  boolean isBotJoin(JsonNode event) {
    return event.path("type").asString("").equals("m.room.member")
        && event.path("state_key").asString("").equals(bot)
        && event.path("content").path("membership").asString("").equals("join");
  }

  /** Every message the bot sent to the room, edits included, oldest first. */
  List<JsonNode> messages() {
    return person.timeline(room).stream()
        .filter(e -> e.path("sender").asString("").equals(bot))
        .filter(e -> e.path("type").asString("").equals("m.room.message"))
        .toList();
  }

  /** The bot's answers per command event, by the reply relation it puts on them (no edits). */
  Map<String, Long> replies() {
    return messages().stream()
        .filter(e -> !RoomEvents.isEdit(e))
        .map(e ->
            e.path("content")
                .path("m.relates_to")
                .path("m.in_reply_to")
                .path("event_id")
                .asString(""))
        .filter(id -> !id.isEmpty())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
