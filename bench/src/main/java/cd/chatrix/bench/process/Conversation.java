package cd.chatrix.bench.process;

import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.matrix.RecordedRequest;
import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The person's side of the bench's room: how a command goes in, how its reply is seen, and how each
 * one's {@code PUT} is found in the homeserver's request log. A plain room finds them by their
 * text; in an encrypted room the text is ciphertext, so each is found by its ciphertext, which the
 * {@code PUT} carries exactly as the room event does.
 */
sealed interface Conversation {
  /** "plain room" or "encrypted room", as the figures name it. */
  String label();

  String roomId();

  /** Sends {@code text} as a command. */
  Message send(String text);

  /** Waits until the bot's reply to {@code commandId} is in the room (and, encrypted, readable). */
  Message awaitReply(String botUserId, String commandId, Duration patience);

  /** A room message and how to recognise the request that sent it. */
  record Message(String eventId, Predicate<RecordedRequest> sentBy) {
    /** When the homeserver received the message's {@code PUT}, from a log kept since before it. */
    Instant receivedIn(List<RecordedRequest> log) {
      return log.stream()
          .filter(Conversation::isRoomSend)
          .filter(sentBy)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no PUT for " + eventId + " in the log"))
          .receivedAt();
    }
  }

  /** A room without encryption; the person is a plain testkit user. */
  record Plain(TestUser person, String roomId) implements Conversation {
    @Override
    public String label() {
      return "plain room";
    }

    @Override
    public Message send(String text) {
      return new Message(person.sendText(roomId, text), r -> r.body().contains(text));
    }

    @Override
    public Message awaitReply(String botUserId, String commandId, Duration patience) {
      JsonNode reply =
          person.awaitEvent(
              roomId,
              e -> botUserId.equals(sender(e)) && commandId.equals(inReplyTo(e.path("content"))),
              patience);
      return new Message(eventId(reply), r -> r.body().contains(commandId));
    }
  }

  /**
   * An encrypted room; the person speaks from a device of its own ({@link CryptoPerson}), so every
   * command and reply is Megolm-encrypted: the bot decrypts the one and encrypts the other.
   */
  record Encrypted(CryptoPerson device, String roomId, List<String> members)
      implements Conversation {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String label() {
      return "encrypted room";
    }

    @Override
    public Message send(String text) {
      JsonNode content = device.encrypt(roomId, members, text);
      String id = device.user().sendEvent(roomId, "m.room.encrypted", content);
      return new Message(id, carrying(content));
    }

    @Override
    public Message awaitReply(String botUserId, String commandId, Duration patience) {
      JsonNode reply =
          device.awaitEvent(
              roomId,
              e ->
                  botUserId.equals(sender(e))
                      && "m.room.encrypted".equals(e.path("type").asString(""))
                      && commandId.equals(inReplyTo(device.decrypt(roomId, e, patience).content())),
              patience);
      return new Message(eventId(reply), carrying(reply.path("content")));
    }

    private static Predicate<RecordedRequest> carrying(JsonNode encryptedContent) {
      String ciphertext = encryptedContent.path("ciphertext").asString();
      return r -> ciphertext.equals(JSON.readTree(r.body()).path("ciphertext").asString(""));
    }
  }

  private static boolean isRoomSend(RecordedRequest r) {
    return r.method().equals("PUT") && r.canonicalPath().contains("/send/");
  }

  private static String eventId(JsonNode event) {
    return event.path("event_id").asString("");
  }

  private static String sender(JsonNode event) {
    return event.path("sender").asString("");
  }

  private static String inReplyTo(JsonNode content) {
    return content.path("m.relates_to").path("m.in_reply_to").path("event_id").asString("");
  }
}
