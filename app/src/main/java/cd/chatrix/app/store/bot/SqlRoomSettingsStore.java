package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.store.RoomSettings;
import cd.chatrix.bot.store.RoomSettingsStore;
import cd.chatrix.bot.store.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link RoomSettingsStore} on the {@code room_settings} table, as two settings per room: {@value
 * #LOG_STREAMING} ({@code true}/{@code false}) and {@value #SUBSCRIPTIONS} (a JSON array). Other
 * components may keep their own settings in the same table; only rooms with these two count.
 */
public final class SqlRoomSettingsStore implements RoomSettingsStore {
  static final String LOG_STREAMING = "bot.log_streaming";
  static final String SUBSCRIPTIONS = "bot.subscriptions";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Store store;
  private final KeyValueStore settings;

  public SqlRoomSettingsStore(Store store) {
    this(store, Clock.systemUTC());
  }

  /** {@code clock} stamps the {@code updated_at} column. */
  public SqlRoomSettingsStore(Store store, Clock clock) {
    this.store = store;
    this.settings =
        KeyValueStore.onTable(store, clock, "room_settings", "room_id", "setting", "setting_value");
  }

  @Override
  public RoomSettings get(String roomId) {
    return read(roomId, values(roomId)).orElseGet(() -> RoomSettings.defaults(roomId));
  }

  @Override
  public void put(RoomSettings settings) {
    String subscriptions = encode(settings.subscriptions());
    store.doInTransaction(tx -> {
      put(settings.roomId(), LOG_STREAMING, Boolean.toString(settings.logStreaming()));
      put(settings.roomId(), SUBSCRIPTIONS, subscriptions);
    });
  }

  @Override
  public List<RoomSettings> all() {
    return store.inTransaction(tx -> {
      List<String> rooms =
          tx.query(
              "SELECT DISTINCT room_id FROM room_settings WHERE setting IN (?, ?) ORDER BY room_id",
              row -> row.getString(1),
              LOG_STREAMING,
              SUBSCRIPTIONS);
      List<RoomSettings> out = new ArrayList<>();
      for (String room : rooms) {
        read(room, values(room)).ifPresent(out::add);
      }
      return out;
    });
  }

  private void put(String roomId, String setting, String value) {
    settings.put(roomId, setting, value);
  }

  /** Every setting the room has, bot's or not, ordered by name. */
  private Map<String, String> values(String roomId) {
    return settings.entries(roomId);
  }

  private static Optional<RoomSettings> read(String roomId, Map<String, String> values) {
    if (!values.containsKey(LOG_STREAMING) && !values.containsKey(SUBSCRIPTIONS)) {
      return Optional.empty();
    }
    boolean streaming = Boolean.parseBoolean(values.getOrDefault(LOG_STREAMING, "false"));
    List<Subscription> subscriptions = decode(roomId, values.getOrDefault(SUBSCRIPTIONS, "[]"));
    return Optional.of(new RoomSettings(roomId, streaming, subscriptions));
  }

  private static String encode(List<Subscription> subscriptions) {
    ArrayNode array = JSON.createArrayNode();
    for (Subscription s : subscriptions) {
      ObjectNode node = array.addObject();
      node.put("project_id", s.projectId());
      s.templateId()
          .ifPresentOrElse(t -> node.put("template_id", t), () -> node.putNull("template_id"));
      node.put("failures_only", s.failuresOnly());
    }
    return JSON.writeValueAsString(array);
  }

  private static List<Subscription> decode(String roomId, String json) {
    try {
      List<Subscription> out = new ArrayList<>();
      for (JsonNode node : JSON.readTree(json)) {
        JsonNode template = node.path("template_id");
        out.add(
            new Subscription(
                node.path("project_id").asLong(),
                template.isNumber() ? Optional.of(template.asLong()) : Optional.empty(),
                node.path("failures_only").asBoolean(false)));
      }
      return out;
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "The stored subscriptions of room "
              + roomId
              + " cannot be read ("
              + e.getOriginalMessage()
              + "); subscribe the room again to replace them.",
          e);
    }
  }
}
