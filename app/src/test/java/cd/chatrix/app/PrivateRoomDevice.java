package cd.chatrix.app;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.matrix.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A device of the sandbox's person with keys of its own, for the encrypted room the bot opens with
 * them to ask for a secret: it joins the room, reads the bot's encrypted questions, and answers.
 */
final class PrivateRoomDevice implements AutoCloseable {
  private static final Duration DECRYPT = Duration.ofSeconds(5);

  private final LiveBot live;
  private final TestUser phone;
  private final CryptoPerson device;
  private String room;

  PrivateRoomDevice(LiveBot live) {
    this.live = live;
    this.phone =
        live.sandbox().homeserver().loginUser(live.person().userId(), DemoSandbox.PERSON_PASSWORD);
    this.device = new CryptoPerson(phone);
  }

  /** The room the bot invited the person to, joined on the first call. */
  String room() {
    if (room == null) {
      room = live.person().awaitInvite(LiveBot.ANSWER);
      phone.join(room);
    }
    return room;
  }

  TestUser user() {
    return phone;
  }

  /** The decrypted content of the bot's next message there whose body holds {@code text}. */
  JsonNode botSays(String text) {
    String bot = live.botUserId();
    JsonNode[] found = new JsonNode[1];
    device.awaitEvent(
        room(),
        e -> {
          if (!bot.equals(e.path("sender").asString(""))
              || !"m.room.encrypted".equals(e.path("type").asString(""))) {
            return false;
          }
          decrypt(e)
              .filter(c -> c.path("body").asString("").contains(text))
              .ifPresent(c -> found[0] = c);
          return found[0] != null;
        },
        LiveBot.ANSWER);
    return found[0];
  }

  /** Sends {@code text}, encrypted for the person and the bot; returns the event id. */
  String answer(String text) {
    return device.sendEncrypted(room(), List.of(phone.userId(), live.botUserId()), text);
  }

  private Optional<JsonNode> decrypt(JsonNode event) {
    try {
      DecryptionResult.Decrypted d = device.decrypt(room, event, DECRYPT);
      return Optional.of(d.content());
    } catch (AssertionError notForUs) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    device.close();
  }
}
