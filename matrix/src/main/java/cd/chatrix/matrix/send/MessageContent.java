package cd.chatrix.matrix.send;

import cd.chatrix.matrix.http.Json;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code m.room.message} content. Mentions are always explicit ({@code m.mentions}, even
 * when empty) so clients do not guess mentions from the body text.
 */
public final class MessageContent {
  public static final String HTML = "org.matrix.custom.html";

  private final String msgtype;
  private final String body;
  private Optional<String> html = Optional.empty();
  private final Set<String> mentionedUsers = new LinkedHashSet<>();
  private boolean mentionsRoom;
  private Optional<String> replyTo = Optional.empty();
  private Optional<String> threadRoot = Optional.empty();
  private Optional<String> threadLatest = Optional.empty();

  private MessageContent(String msgtype, String body) {
    this.msgtype = msgtype;
    this.body = body;
  }

  public static MessageContent text(String body) {
    return new MessageContent("m.text", body);
  }

  /** Bots answer with notices: other bots do not react to them. */
  public static MessageContent notice(String body) {
    return new MessageContent("m.notice", body);
  }

  public MessageContent html(String formattedBody) {
    this.html = Optional.of(formattedBody);
    return this;
  }

  public MessageContent mention(String userId) {
    mentionedUsers.add(userId);
    return this;
  }

  public MessageContent mentionRoom() {
    mentionsRoom = true;
    return this;
  }

  /** A rich reply; the replied-to sender is mentioned as the spec recommends. */
  public MessageContent replyTo(String eventId, String sender) {
    this.replyTo = Optional.of(eventId);
    mentionedUsers.add(sender);
    return this;
  }

  /**
   * Posts into the thread of {@code rootEventId}. {@code latestEventId} is the newest event of the
   * thread, which thread-unaware clients show as the replied-to event (the reply fallback). A
   * {@link #replyTo} inside a thread turns the fallback off and is a real reply.
   */
  public MessageContent inThread(String rootEventId, String latestEventId) {
    this.threadRoot = Optional.of(rootEventId);
    this.threadLatest = Optional.of(latestEventId);
    return this;
  }

  public ObjectNode build() {
    ObjectNode content = payload();
    if (threadRoot.isPresent()) {
      ObjectNode relates = content.putObject("m.relates_to");
      relates.put("rel_type", "m.thread");
      relates.put("event_id", threadRoot.get());
      relates.put("is_falling_back", replyTo.isEmpty());
      relates.putObject("m.in_reply_to").put("event_id", replyTo.or(() -> threadLatest).get());
    } else if (replyTo.isPresent()) {
      content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", replyTo.get());
    }
    return content;
  }

  /**
   * An edit of {@code originalEventId}: the new content goes in {@code m.new_content}; the outer
   * body (starred) is what clients without edit support show.
   */
  public ObjectNode buildEditOf(String originalEventId) {
    ObjectNode content = Json.object();
    content.put("msgtype", msgtype);
    content.put("body", "* " + body);
    html.ifPresent(h -> {
      content.put("format", HTML);
      content.put("formatted_body", "* " + h);
    });
    content.set("m.mentions", mentions());
    content.set("m.new_content", payload());
    ObjectNode relates = content.putObject("m.relates_to");
    relates.put("rel_type", "m.replace");
    relates.put("event_id", originalEventId);
    return content;
  }

  private ObjectNode payload() {
    ObjectNode content = Json.object();
    content.put("msgtype", msgtype);
    content.put("body", body);
    html.ifPresent(h -> {
      content.put("format", HTML);
      content.put("formatted_body", h);
    });
    content.set("m.mentions", mentions());
    return content;
  }

  private ObjectNode mentions() {
    ObjectNode mentions = Json.object();
    if (!mentionedUsers.isEmpty()) {
      ArrayNode users = mentions.putArray("user_ids");
      mentionedUsers.forEach(users::add);
    }
    if (mentionsRoom) {
      mentions.put("room", true);
    }
    return mentions;
  }

  /** {@code m.reaction} content: an annotation with {@code key} (usually an emoji). */
  public static ObjectNode reaction(String eventId, String key) {
    ObjectNode content = Json.object();
    ObjectNode relates = content.putObject("m.relates_to");
    relates.put("rel_type", "m.annotation");
    relates.put("event_id", eventId);
    relates.put("key", key);
    return content;
  }
}
