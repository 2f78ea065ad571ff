package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.VerificationState;
import cd.chatrix.crypto.verification.VerificationStatus;
import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole path on a real homeserver, in an encrypted room: a person asks the bot in chat to
 * verify their device, their own client accepts, the bot posts the emojis that client shows, the
 * person confirms in chat and on the device, and both sides end up trusting each other.
 */
class ChatVerificationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aPersonVerifiesTheirDeviceWithTheBotFromChat() throws Exception {
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser(BotUnderTest.USER, BotUnderTest.PASSWORD).close();
      try (ChatBot bot = ChatBot.start(hs, dir);
          CryptoPerson alice = new CryptoPerson(hs.registerUser("alice", "alice-password"))) {
        String room =
            alice
                .user()
                .createRoom(
                    CreateRoomOptions.named("ops").withEncryption(true).withInvitees(bot.userId()));
        await().atMost(WAIT).until(() -> bot.matrix().rooms().room(room).isPresent());
        var chat = new Conversation(alice, room, List.of(alice.userId(), bot.userId()));

        chat.say("!cd verify start " + alice.userId() + " " + alice.user().deviceId());
        chat.awaitBot(body -> body.contains("I asked"));

        VerificationStatus request =
            awaitVerification(alice, v -> v.state() == VerificationState.REQUESTED);
        assertThat(request.otherUser()).isEqualTo(bot.userId());
        alice.machine().acceptVerification(request.transactionId());
        alice.flush();

        String emojis = chat.awaitBot(body -> body.contains("Compare these emojis"));
        VerificationStatus shown =
            awaitVerification(alice, v -> v.state() == VerificationState.SHOW_SAS);
        String onAlicesDevice =
            shown.emoji().stream()
                .map(e -> e.symbol() + " " + e.name())
                .collect(Collectors.joining("  "));
        assertThat(shown.emoji()).hasSize(7);
        assertThat(emojis)
            .as("the bot posts the emojis Alice's device shows")
            .contains(onAlicesDevice);

        alice.machine().confirmVerification(request.transactionId());
        alice.flush();
        chat.say("!cd verify confirm " + request.transactionId().substring(0, 8));
        chat.awaitBot(body -> body.contains("✅ Verified"));
        awaitVerification(alice, v -> v.state() == VerificationState.DONE);

        assertThat(trustOf(bot.bridge().machine().devices(alice.userId()), alice.user().deviceId()))
            .isEqualTo(LocalTrust.VERIFIED);
        assertThat(trustOf(alice.machine().devices(bot.userId()), bot.deviceId()))
            .isEqualTo(LocalTrust.VERIFIED);
        chat.say("!cd sessions list " + alice.userId());
        chat.awaitBot(body ->
            body.contains("`" + alice.user().deviceId() + "`") && body.contains("✅ verified"));
      }
    }
  }

  private static LocalTrust trustOf(List<Device> devices, String deviceId) {
    return devices.stream()
        .filter(d -> d.deviceId().equals(deviceId))
        .map(Device::trust)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device " + deviceId + " in " + devices));
  }

  /** Syncs Alice's device (sending what it queued) until one of its verifications matches. */
  private static VerificationStatus awaitVerification(
      CryptoPerson person, Predicate<VerificationStatus> matches) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              person.sync(Duration.ofMillis(500));
              person.flush();
              return person.machine().verifications().stream().filter(matches).findFirst();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** Alice's side of the room: she writes encrypted and reads the bot's notices decrypted. */
  private static final class Conversation {
    private final CryptoPerson person;
    private final String room;
    private final List<String> members;
    private final Set<String> read = new HashSet<>();

    Conversation(CryptoPerson person, String room, List<String> members) {
      this.person = person;
      this.room = room;
      this.members = members;
    }

    void say(String body) {
      person.sendEncrypted(room, members, body);
    }

    /** The first notice of the bot not returned before whose text matches. */
    String awaitBot(Predicate<String> matches) {
      Map<String, String> bodies = new HashMap<>();
      JsonNode event =
          person.awaitEvent(
              room,
              e -> {
                String id = e.path("event_id").asString("");
                if (e.path("sender").asString("").equals(person.userId())
                    || !e.path("type").asString("").equals("m.room.encrypted")
                    || !read.add(id)) {
                  return false;
                }
                DecryptionResult.Decrypted clear = person.decrypt(room, e, WAIT);
                bodies.put(id, clear.content().path("body").asString(""));
                return matches.test(bodies.get(id));
              },
              WAIT);
      return bodies.get(event.path("event_id").asString());
    }
  }
}
