package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static cd.chatrix.bot.fake.Harness.BOT;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.FakeChat;
import cd.chatrix.bot.fake.FakeEncryption;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.Template;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A secret survey variable of a run started in a room without encryption is asked in the bot's
 * private encrypted room with the requester; only the requester's answer there counts.
 */
class GuidedPrivateSecretTest {
  private static final String SECRET = "vault-token-0042";

  private final Harness h = new Harness();

  GuidedPrivateSecretTest() {
    h.runner.template(
        new Template(
            9,
            1,
            "Rotate",
            "",
            "ansible",
            Overrides.ALL,
            List.of(
                new SurveyVar(
                    "api_key", "API key", "", "secret", true, Optional.empty(), List.of()))));
    h.bot = h.build(b -> b.encryption(Optional.of(new FakeEncryption())));
  }

  private List<String> said(String room) {
    return h.chat.sent.stream()
        .filter(s -> s.roomId().equals(room))
        .map(FakeChat.Sent::body)
        .toList();
  }

  @Test
  void theSecretIsAskedPrivatelyAndOnlyTheRequesterThereIsHeard() {
    h.say(ALICE, "!cd run Infra Rotate");
    String dm = h.chat.directRooms.get(ALICE);
    assertThat(dm).isNotNull();
    assertThat(h.lastBody()).contains("🔒 API key").contains("private");
    assertThat(said(dm)).singleElement().satisfies(q -> assertThat(q).contains("❓ API key"));

    // Bob is not the requester; a room with a third member is not private.
    String crowded = "!crowded:example.org";
    h.chat.rooms.put(crowded, new RoomInfo(crowded, "", true, true, List.of(ALICE, BOB, BOT)));
    h.say(dm, BOB, "not-mine");
    h.say(crowded, ALICE, "in-the-wrong-room");
    assertThat(h.chat.redactions).isEmpty();
    assertThat(h.stores.confirmations().all()).isEmpty();

    String answer = h.say(dm, ALICE, SECRET);
    assertThat(h.chat.redactions).containsExactly(answer);
    assertThat(said(dm).getLast()).contains("removed your message");
    assertThat(said(ROOM))
        .anyMatch(b -> b.contains("Got your answer"))
        .anyMatch(b -> b.contains("api_key=" + SecretVars.MASK));
    assertThat(h.stores.confirmations().all()).hasSize(1);
    assertThat(h.chat.sent).noneMatch(s -> s.body().contains(SECRET) || s.html().contains(SECRET));
    assertThat(h.stores.audit().recent(50)).noneMatch(e -> e.toString().contains(SECRET));

    // The next secret of Alice's goes to the same room.
    h.say(ALICE, "no");
    h.say(ALICE, "!cd run Infra Rotate");
    assertThat(h.chat.directRoomsOpened).isEqualTo(1);
    assertThat(said(dm).getLast()).contains("❓ API key");
  }

  @Test
  void inAnEncryptedRoomTheSecretIsAskedInTheThread() {
    h.chat.rooms.put(ROOM, new RoomInfo(ROOM, "Ops", true, true, List.of(ALICE, BOB, BOT)));
    h.say(ALICE, "!cd run Infra Rotate");
    assertThat(h.chat.directRooms).isEmpty();
    assertThat(h.lastBody()).contains("❓ API key").doesNotContain("not encrypted");
  }

  private FakeChat.Sent lastIn(String room) {
    return h.chat.sent.stream().filter(m -> m.roomId().equals(room)).toList().getLast();
  }

  @Test
  void withTwoRunsAskingAnAnswerMustReplyToItsQuestionAndIsRemovedWhenItDoesNot() {
    h.say(ALICE, "!cd run Infra Rotate");
    String dm = h.chat.directRooms.get(ALICE);
    String firstQuestion = lastIn(dm).eventId();
    h.say(ALICE, "!cd run Infra Rotate");
    String secondQuestion = lastIn(dm).eventId();
    assertThat(secondQuestion).isNotEqualTo(firstQuestion);

    String unclear = h.say(dm, ALICE, SECRET);

    assertThat(h.chat.redactions).containsExactly(unclear);
    assertThat(lastIn(dm).body()).contains("2 runs are waiting").contains("reply to the question");
    assertThat(h.stores.confirmations().all()).isEmpty();

    String answer = h.replyIn(dm, ALICE, firstQuestion, SECRET);

    assertThat(h.chat.redactions).containsExactly(unclear, answer);
    assertThat(h.stores.confirmations().all()).hasSize(1);
    assertThat(h.stores.forms().all())
        .as("the second run still waits for its own answer")
        .singleElement()
        .satisfies(f -> assertThat(f.asking()).contains("api_key"));
    assertThat(h.chat.sent).noneMatch(m -> m.body().contains(SECRET) || m.html().contains(SECRET));
  }

  @Test
  void aReplyToItsQuestionStillFindsItsRunAfterARestart() {
    h.say(ALICE, "!cd run Infra Rotate");
    String dm = h.chat.directRooms.get(ALICE);
    String firstQuestion = lastIn(dm).eventId();
    h.say(ALICE, "!cd run Infra Rotate");

    h.bot = h.build(b -> b.encryption(Optional.of(new FakeEncryption())));
    h.bot.start();
    String answer = h.replyIn(dm, ALICE, firstQuestion, SECRET);

    assertThat(h.chat.redactions).containsExactly(answer);
    assertThat(lastIn(dm).body()).contains("Got it");
    assertThat(h.stores.confirmations().all()).hasSize(1);
    assertThat(h.stores.forms().all())
        .as("the second run still waits for its own answer")
        .singleElement()
        .satisfies(f -> assertThat(f.confirmationId()).isEmpty());
  }

  @Test
  void anAnswerAfterTheRunExpiredIsRemovedButLaterChatterIsNot() {
    h.say(ALICE, "!cd run Infra Rotate");
    String dm = h.chat.directRooms.get(ALICE);
    h.clock.advance(h.settings.get().confirmationTimeout().plusMinutes(1));
    h.bot.tick();
    assertThat(h.stores.forms().all()).isEmpty();

    String late = h.say(dm, ALICE, SECRET);

    assertThat(h.chat.redactions).containsExactly(late);
    assertThat(lastIn(dm).body()).contains("Nothing is waiting for a secret").contains("removed");

    h.say(dm, ALICE, "ok, thanks");
    assertThat(h.chat.redactions).as("one late answer is removed, not the talk after").hasSize(1);
  }

  @Test
  void aThankYouAfterTheAnswerIsLeftAlone() {
    h.say(ALICE, "!cd run Infra Rotate");
    String dm = h.chat.directRooms.get(ALICE);
    h.say(dm, ALICE, SECRET);

    h.say(dm, ALICE, "thanks!");

    assertThat(h.chat.redactions).hasSize(1);
  }
}
