package cd.chatrix.testkit.matrix;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person in tests: a small HTTP client of the {@link TestHomeserver} that uses the real
 * client-server API (so faults injected on the server hit it too). Waiting for events goes through
 * the user's own /sync.
 */
public final class TestUser implements AutoCloseable {
  private static final String CLIENT = UserHttp.CLIENT;
  private static final int LIMIT = 500;

  private final UserHttp http;
  private final String userId;
  private final String deviceId;
  private final Dialect dialect;
  private final Map<String, List<JsonNode>> seen = new LinkedHashMap<>();
  private final Set<String> seenIds = new HashSet<>();
  private final Set<String> handedOut = new HashSet<>();
  private final List<String> invites = new ArrayList<>();
  private Optional<String> since = Optional.empty();
  private final java.util.concurrent.atomic.AtomicLong txn =
      new java.util.concurrent.atomic.AtomicLong();

  private TestUser(UserHttp http, String userId, String deviceId, Dialect dialect) {
    this.http = http;
    this.userId = userId;
    this.deviceId = deviceId;
    this.dialect = dialect;
  }

  static TestUser login(TestHomeserver hs, String user, String password) {
    UserHttp.Login login = UserHttp.login(hs.baseUri(), user, password);
    return new TestUser(
        login.http(),
        login.answer().path("user_id").asString(),
        login.answer().path("device_id").asString(),
        hs.dialect());
  }

  public String userId() {
    return userId;
  }

  public String accessToken() {
    return http.token();
  }

  public String deviceId() {
    return deviceId;
  }

  /** Creates a room and returns its id. */
  public String createRoom(CreateRoomOptions options) {
    ObjectNode body = Json.object();
    body.put("preset", options.preset());
    if (!options.name().isEmpty()) {
      body.put("name", options.name());
    }
    if (!options.topic().isEmpty()) {
      body.put("topic", options.topic());
    }
    if (!options.aliasLocalpart().isEmpty()) {
      body.put("room_alias_name", options.aliasLocalpart());
    }
    body.put("is_direct", options.direct());
    ArrayNode invite = body.putArray("invite");
    options.invitees().forEach(invite::add);
    if (options.encrypted()) {
      ObjectNode encryption = body.putArray("initial_state").addObject();
      encryption.put("type", "m.room.encryption").put("state_key", "");
      encryption.putObject("content").put("algorithm", "m.megolm.v1.aes-sha2");
    }
    if (!options.userPowerLevels().isEmpty()) {
      ObjectNode users = body.putObject("power_level_content_override").putObject("users");
      users.put(userId, 100);
      options.userPowerLevels().forEach(users::put);
    }
    return call("POST", CLIENT + "/createRoom", body).path("room_id").asString();
  }

  public void invite(String roomId, String invitee) {
    call("POST", room(roomId) + "/invite", Json.object().put("user_id", invitee));
  }

  /** Joins by room id or alias and returns the room id. */
  /**
   * Joins; a join whose pooled connection the server had already closed is tried once more on a new
   * one. Joining is idempotent (a member's join changes nothing), and the JDK's HTTP client retries
   * only GETs by itself: the load bench's world set-up met this with 1,000 people.
   */
  public String join(String roomIdOrAlias) {
    String path = CLIENT + "/join/" + enc(roomIdOrAlias);
    JsonNode joined;
    try {
      joined = call("POST", path, Json.object());
    } catch (UncheckedIOException closedUnderUs) {
      joined = call("POST", path, Json.object());
    }
    return joined.path("room_id").asString();
  }

  public void leave(String roomId) {
    call("POST", room(roomId) + "/leave", Json.object());
  }

  public String sendText(String roomId, String body) {
    return sendMessage(roomId, "m.text", body);
  }

  public String sendNotice(String roomId, String body) {
    return sendMessage(roomId, "m.notice", body);
  }

  private String sendMessage(String roomId, String msgtype, String body) {
    ObjectNode content = Json.object().put("msgtype", msgtype).put("body", body);
    return sendEvent(roomId, "m.room.message", content);
  }

  public String sendEvent(String roomId, String type, Map<String, ?> content) {
    return sendEvent(roomId, type, Json.objectOf(content));
  }

  /** Sends a room event with a fresh transaction id and returns its event id. */
  public String sendEvent(String roomId, String type, JsonNode content) {
    String path = room(roomId) + "/send/" + enc(type) + "/" + nextTxn();
    return call("PUT", path, content).path("event_id").asString();
  }

  public String sendState(String roomId, String type, String stateKey, JsonNode content) {
    String path = room(roomId) + "/state/" + enc(type) + "/" + enc(stateKey);
    return call("PUT", path, content).path("event_id").asString();
  }

  /** Reacts to an event with an {@code m.annotation} and returns the reaction's event id. */
  public String react(String roomId, String eventId, String key) {
    ObjectNode content = Json.object();
    content
        .putObject("m.relates_to")
        .put("rel_type", "m.annotation")
        .put("event_id", eventId)
        .put("key", key);
    return sendEvent(roomId, "m.reaction", content);
  }

  public String redact(String roomId, String eventId, String reason) {
    String path = room(roomId) + "/redact/" + enc(eventId) + "/" + nextTxn();
    return call("PUT", path, Json.object().put("reason", reason)).path("event_id").asString();
  }

  /** Edits one of this user's messages ({@code m.replace} with {@code m.new_content}). */
  public String edit(String roomId, String eventId, String newBody) {
    ObjectNode content = Json.object().put("msgtype", "m.text").put("body", "* " + newBody);
    content.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
    content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", eventId);
    return sendEvent(roomId, "m.room.message", content);
  }

  /** Replies in the thread rooted at {@code rootId}, with the reply fallback clients expect. */
  public String sendThreadReply(String roomId, String rootId, String body) {
    ObjectNode content = Json.object().put("msgtype", "m.text").put("body", body);
    ObjectNode relates = content.putObject("m.relates_to");
    relates.put("rel_type", "m.thread").put("event_id", rootId).put("is_falling_back", true);
    relates.putObject("m.in_reply_to").put("event_id", rootId);
    return sendEvent(roomId, "m.room.message", content);
  }

  /** Uploads media and returns its {@code mxc://} URI. */
  public String upload(byte[] bytes, String contentType, String fileName) {
    String path = "/_matrix/media/v3/upload?filename=" + enc(fileName);
    byte[] answer = http.bytes("POST", path, bytes, contentType);
    return Json.MAPPER.readTree(answer).path("content_uri").asString();
  }

  /**
   * Downloads media through the authenticated v1 endpoint, or the legacy {@code
   * /_matrix/media/v3/download} on servers without it (as clients of their time did).
   */
  public byte[] download(String mxcUri) {
    if (!mxcUri.startsWith("mxc://")) {
      throw new IllegalArgumentException("not an mxc:// URI: " + mxcUri);
    }
    String serverAndId = mxcUri.substring("mxc://".length());
    String base =
        dialect.serves("client/media/download/{serverName}/{mediaId}", Optional.of("v1"))
            ? "/_matrix/client/v1/media/download/"
            : "/_matrix/media/v3/download/";
    return http.bytes("GET", base + serverAndId, new byte[0], "application/json");
  }

  /** Sends one to-device message to a device ({@code *} for all of the user's devices). */
  public void sendToDevice(String type, String toUser, String toDevice, JsonNode content) {
    ObjectNode body = Json.object();
    body.putObject("messages").putObject(toUser).set(toDevice, content);
    call("PUT", CLIENT + "/sendToDevice/" + enc(type) + "/" + nextTxn(), body);
  }

  public void setDisplayName(String displayName) {
    call(
        "PUT",
        CLIENT + "/profile/" + enc(userId) + "/displayname",
        Json.object().put("displayname", displayName));
  }

  /**
   * One event of a room as this user may see it, through {@code GET
   * /rooms/{roomId}/event/{eventId}}.
   */
  public JsonNode event(String roomId, String eventId) {
    return call("GET", room(roomId) + "/event/" + enc(eventId), null);
  }

  /** The room's whole history, oldest first, read through /messages. */
  public List<JsonNode> timeline(String roomId) {
    List<JsonNode> backwards = new ArrayList<>();
    Optional<String> from = Optional.empty();
    while (true) {
      String query = "?dir=b&limit=500" + from.map(f -> "&from=" + enc(f)).orElse("");
      JsonNode page = call("GET", room(roomId) + "/messages" + query, null);
      page.path("chunk").forEach(backwards::add);
      if (!page.hasNonNull("end") || page.path("chunk").isEmpty()) {
        break;
      }
      from = Optional.of(page.path("end").asString());
    }
    return backwards.reversed();
  }

  /**
   * Waits (through this user's /sync) for a room event that matches and was not returned by an
   * earlier call, and returns it. Events seen before the call count too, so a reply that arrived
   * early is not missed.
   */
  public synchronized JsonNode awaitEvent(
      String roomId, Predicate<JsonNode> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode event : seen.getOrDefault(roomId, List.of())) {
        String id = event.path("event_id").asString();
        if (!handedOut.contains(id) && matches.test(event)) {
          handedOut.add(id);
          return event;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            userId
                + " saw no matching event in "
                + roomId
                + " within "
                + timeout
                + "; events seen there: "
                + summary(roomId));
      }
      syncOnce(Duration.ofNanos(Math.min(left, Duration.ofSeconds(5).toNanos())));
    }
  }

  /** Waits for an invite that was not returned before and returns the room id. */
  public synchronized String awaitInvite(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (invites.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(userId + " got no invite within " + timeout);
      }
      syncOnce(Duration.ofNanos(Math.min(left, Duration.ofSeconds(5).toNanos())));
    }
    return invites.removeFirst();
  }

  /** One /sync call from this user's position; what it brings is remembered for awaitEvent. */
  public synchronized JsonNode syncOnce(Duration timeout) {
    StringBuilder query = new StringBuilder("?timeout=").append(timeout.toMillis());
    query.append("&filter=").append(enc("{\"room\":{\"timeline\":{\"limit\":" + LIMIT + "}}}"));
    since.ifPresent(s -> query.append("&since=").append(enc(s)));
    boolean initial = since.isEmpty();
    JsonNode response = call("GET", CLIENT + "/sync" + query, null);
    since = Optional.of(response.path("next_batch").asString());
    for (Map.Entry<String, JsonNode> joined : response.path("rooms").path("join").properties()) {
      JsonNode timeline = joined.getValue().path("timeline");
      remember(joined.getKey(), joined.getValue().path("state").path("events"));
      if (!initial && timeline.path("limited").asBoolean(false)) {
        backfill(joined.getKey(), timeline.path("prev_batch").asString(""));
      }
      remember(joined.getKey(), timeline.path("events"));
    }
    for (Map.Entry<String, JsonNode> left : response.path("rooms").path("leave").properties()) {
      remember(left.getKey(), left.getValue().path("timeline").path("events"));
    }
    response.path("rooms").path("invite").propertyNames().forEach(invites::add);
    return response;
  }

  /**
   * A limited timeline left a gap; read it through /messages (back to the first event already seen)
   * so that awaitEvent never misses an event, as a real client would.
   */
  private void backfill(String roomId, String from) {
    List<JsonNode> older = new ArrayList<>();
    String token = from;
    while (!token.isEmpty()) {
      JsonNode page =
          call(
              "GET", room(roomId) + "/messages?dir=b&limit=" + LIMIT + "&from=" + enc(token), null);
      boolean reachedSeen = false;
      for (JsonNode event : page.path("chunk")) {
        if (seenIds.contains(event.path("event_id").asString())) {
          reachedSeen = true;
          break;
        }
        older.add(event);
      }
      if (reachedSeen || !page.hasNonNull("end")) {
        break;
      }
      token = page.path("end").asString();
    }
    remember(roomId, Json.MAPPER.valueToTree(older.reversed()));
  }

  private void remember(String roomId, JsonNode events) {
    for (JsonNode event : events) {
      if (seenIds.add(event.path("event_id").asString())) {
        seen.computeIfAbsent(roomId, k -> new ArrayList<>()).add(event);
      }
    }
  }

  private String summary(String roomId) {
    List<String> out = new ArrayList<>();
    for (JsonNode event : seen.getOrDefault(roomId, List.of())) {
      String body = event.path("content").path("body").asString("");
      out.add(event.path("type").asString() + (body.isEmpty() ? "" : " \"" + body + "\""));
    }
    return out.toString();
  }

  /**
   * A raw authenticated request; {@code path} starts with {@code /_matrix/...} (query included),
   * {@code body} may be null for GET. Throws {@link MatrixCallException} on an error status.
   */
  public JsonNode call(String method, String path, JsonNode body) {
    return http.json(method, path, Optional.ofNullable(body));
  }

  private String room(String roomId) {
    return CLIENT + "/rooms/" + enc(roomId);
  }

  /** Not synchronized on this user: a send must not wait behind this user's long-poll. */
  private String nextTxn() {
    return "tu" + System.nanoTime() + "." + txn.getAndIncrement();
  }

  static String enc(String value) {
    return UserHttp.enc(value);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "TestUser[" + userId + " " + deviceId + "]";
  }
}
