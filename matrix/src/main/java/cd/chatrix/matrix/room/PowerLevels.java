package cd.chatrix.matrix.room;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parts of {@code m.room.power_levels} the bot needs. Without such an event the spec gives
 * everyone level 0 and a 0 requirement for messages, so everyone may speak.
 */
public record PowerLevels(
    Map<String, Long> users,
    long usersDefault,
    Map<String, Long> events,
    long eventsDefault,
    long stateDefault,
    long redact) {

  public static final PowerLevels ABSENT = new PowerLevels(Map.of(), 0, Map.of(), 0, 0, 0);

  public PowerLevels {
    users = Map.copyOf(users);
    events = Map.copyOf(events);
  }

  public static PowerLevels from(JsonNode content) {
    return new PowerLevels(
        longs(content.path("users")),
        content.path("users_default").asLong(0),
        longs(content.path("events")),
        content.path("events_default").asLong(0),
        content.path("state_default").asLong(50),
        content.path("redact").asLong(50));
  }

  public long levelOf(String userId) {
    return users.getOrDefault(userId, usersDefault);
  }

  /** The level needed to send a (non-state) event of {@code type}. */
  public long requiredFor(String type) {
    return events.getOrDefault(type, eventsDefault);
  }

  public boolean maySend(String userId, String type) {
    return levelOf(userId) >= requiredFor(type);
  }

  private static Map<String, Long> longs(JsonNode object) {
    java.util.HashMap<String, Long> map = new java.util.HashMap<>();
    object
        .properties()
        .forEach(e -> {
          if (e.getValue().isNumber()) {
            map.put(e.getKey(), e.getValue().asLong());
          }
        });
    return map;
  }
}
