package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A timeline event of a room as handlers see it.
 *
 * @param historic true for events that were already in the room before the bot's first sync after a
 *     fresh login: shown for context, never to be executed as commands
 * @param raw the whole event as received (after decryption, if a decryptor replaced it)
 */
public record RoomEvent(
    String roomId,
    String eventId,
    String type,
    String sender,
    long originServerTs,
    Optional<String> stateKey,
    JsonNode content,
    JsonNode raw,
    boolean historic) {

  static RoomEvent from(String roomId, JsonNode event, boolean historic) {
    JsonNode stateKey = event.path("state_key");
    return new RoomEvent(
        roomId,
        Json.text(event, "event_id"),
        Json.text(event, "type"),
        Json.text(event, "sender"),
        event.path("origin_server_ts").asLong(0),
        stateKey.isString() ? Optional.of(stateKey.asString()) : Optional.empty(),
        event.path("content"),
        event,
        historic);
  }

  public boolean isState() {
    return stateKey.isPresent();
  }

  /** {@code content.msgtype} of an {@code m.room.message}, or empty text. */
  public String msgtype() {
    return Json.text(content, "msgtype");
  }

  /** {@code content.body}, or empty text. */
  public String body() {
    return Json.text(content, "body");
  }

  /**
   * The {@code m.relates_to} relation: {@code m.annotation} (reaction, with key), {@code m.replace}
   * (edit) or {@code m.thread}. Plain replies have no rel_type; see {@link #inReplyTo()}.
   */
  public Optional<Relation> relation() {
    JsonNode relates = content.path("m.relates_to");
    String relType = Json.text(relates, "rel_type");
    String target = Json.text(relates, "event_id");
    if (relType.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    String key = Json.text(relates, "key");
    return Optional.of(
        new Relation(relType, target, key.isEmpty() ? Optional.empty() : Optional.of(key)));
  }

  /** The event this one replies to; thread fallbacks ({@code is_falling_back}) are not replies. */
  public Optional<String> inReplyTo() {
    JsonNode relates = content.path("m.relates_to");
    if (relates.path("is_falling_back").asBoolean(false)) {
      return Optional.empty();
    }
    String target = Json.text(relates.path("m.in_reply_to"), "event_id");
    return target.isEmpty() ? Optional.empty() : Optional.of(target);
  }

  /** The root of the thread this event belongs to. */
  public Optional<String> threadRoot() {
    return relation().filter(r -> r.type().equals("m.thread")).map(Relation::eventId);
  }

  /** Whether {@code m.mentions} names the user (intentional mentions, not body text). */
  public boolean mentions(String userId) {
    for (JsonNode id : content.path("m.mentions").path("user_ids")) {
      if (id.isString() && id.asString().equals(userId)) {
        return true;
      }
    }
    return false;
  }

  /** For {@code m.room.redaction}: the redacted event (room v11 puts it in content). */
  public Optional<String> redacts() {
    String target = Json.text(content, "redacts");
    if (target.isEmpty()) {
      target = Json.text(raw, "redacts");
    }
    return target.isEmpty() ? Optional.empty() : Optional.of(target);
  }

  /** A typed {@code m.relates_to}. */
  public record Relation(String type, String eventId, Optional<String> key) {}

  /** A copy with other type and content, e.g. after decryption. */
  public RoomEvent withPayload(String newType, JsonNode newContent, JsonNode newRaw) {
    return new RoomEvent(
        roomId, eventId, newType, sender, originServerTs, stateKey, newContent, newRaw, historic);
  }
}
