package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static cd.chatrix.bot.fake.Harness.BOT;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.FakeChat;
import cd.chatrix.bot.fake.FakeEncryption;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.DeviceInfo.Trust;
import cd.chatrix.bot.port.EncryptionIdentity;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.Verification.Phase;
import cd.chatrix.bot.text.MessageCatalog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code verify} and {@code sessions} against a fake encryption port playing the other device. */
class EncryptionCommandsTest {
  private static final String OTHER_ROOM = "!lobby:example.org";

  private final Harness h = new Harness();
  private final FakeEncryption e2ee = new FakeEncryption();

  @BeforeEach
  void wireEncryption() {
    e2ee.device(BOT, "BOTDEVICE", "ChatrixCD", Trust.VERIFIED)
        .device(BOT, "OLDBOT", "", Trust.UNVERIFIED)
        .device(ALICE, "PHONE", "Alice's phone", Trust.UNVERIFIED)
        .device(ALICE, "LAPTOP", "Element Desktop", Trust.CROSS_SIGNED)
        .device(BOB, "TABLET", "Bob's tablet", Trust.BLOCKED);
    h.bot = withEncryption(Optional.of(e2ee));
  }

  private Bot withEncryption(Optional<FakeEncryption> port) {
    return Bot.builder()
        .settings(h.settings::get)
        .chat(h.chat)
        .runner(h.runner)
        .stores(h.stores)
        .clock(h.clock)
        .messages(new MessageCatalog(new Random(7)))
        .autoTick(false)
        .encryption(port)
        .build();
  }

  private void adminsAre(String... admins) {
    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(admins), false));
  }

  private static String shortId(String id) {
    return id.substring(0, 8);
  }

  /** The only verification the fake knows about. */
  private String onlyVerification() {
    var all = e2ee.verifications();
    assertThat(all).hasSize(1);
    return all.getFirst().id();
  }

  // ---- encryption off and roles ---------------------------------------------------------------

  @Test
  void withEncryptionOffBothCommandsSayHowToTurnItOn() {
    h.bot = withEncryption(Optional.empty());
    h.say(ALICE, "!cd verify start @bob:example.org TABLET");
    assertThat(h.lastBody()).contains("Encryption is off").contains("matrix.e2ee");
    h.say(ALICE, "!cd sessions");
    assertThat(h.lastBody()).contains("Encryption is off").contains("matrix.e2ee");
  }

  @Test
  void onlyAdminsMayVerifyOrLookAtSessions() {
    adminsAre(BOB);
    h.say(ALICE, "!cd verify start @bob:example.org TABLET");
    assertThat(h.lastBody()).contains("verify needs the admin role");
    h.say(ALICE, "!cd sessions list");
    assertThat(h.lastBody()).contains("sessions needs the admin role");
    assertThat(e2ee.calls).isEmpty();

    h.say(BOB, "!cd help");
    assertThat(h.lastBody()).contains("!cd verify").contains("!cd sessions");
    h.say(ALICE, "!cd help");
    assertThat(h.lastBody()).doesNotContain("!cd verify").doesNotContain("!cd sessions");
  }

  @Test
  void helpExplainsVerify() {
    h.say(ALICE, "!cd help verify");
    assertThat(h.lastBody())
        .contains("!cd verify [start USER DEVICE|accept ID|confirm ID|cancel ID]")
        .contains("7 emojis")
        .contains("admin");
  }

  // ---- sessions -------------------------------------------------------------------------------

  @Test
  void sessionsInfoShowsTheBotsDeviceFingerprintCrossSigningAndPolicy() {
    h.say(ALICE, "!cd sessions");
    assertThat(h.lastBody())
        .contains("Encryption is on")
        .contains("`BOTDEVICE` of " + BOT)
        .contains("`Xk4m Yq2Z pL9s Vb7n Tc3w Rd8f Gh1j Ke5u Ao6i Py0t QzM`")
        .contains("set up, and this device is signed")
        .contains("every device that is not blocked (matrix.trust_policy)")
        .contains("Verifications in progress: 0");

    e2ee.identity =
        new EncryptionIdentity(
            BOT,
            "BOTDEVICE",
            "abcd",
            Optional.empty(),
            false,
            EncryptionIdentity.KeySharing.VERIFIED_ONLY);
    h.say(ALICE, "!cd sessions info");
    assertThat(h.lastBody())
        .contains("Cross-signing: not set up")
        .contains("verified devices only");
  }

  @Test
  void sessionsListShowsMineAndYoursWithTrust() {
    h.say(ALICE, "!cd sessions list");
    String body = h.lastBody();
    assertThat(body)
        .contains("Devices of " + BOT + ":")
        .contains("`BOTDEVICE` ChatrixCD — ✅ verified (that's me)")
        .contains("`OLDBOT` — ⚠️ not verified")
        .contains("Devices of " + ALICE + ":")
        .contains("`PHONE` Alice's phone — ⚠️ not verified")
        .contains("`LAPTOP` Element Desktop — ☑️ cross-signed by its owner")
        .contains("!cd verify start USER DEVICE")
        .doesNotContain("TABLET");
    assertThat(body.indexOf("BOTDEVICE")).isLessThan(body.indexOf("PHONE"));
  }

  @Test
  void sessionsListOfOneUser() {
    h.say(ALICE, "!cd sessions list @bob:example.org");
    assertThat(h.lastBody())
        .contains("`TABLET` Bob's tablet — ⛔ blocked")
        .doesNotContain("PHONE")
        .doesNotContain("verify start");
    h.say(ALICE, "!cd sessions list @carol:example.org");
    assertThat(h.lastBody()).contains("none known");
    h.say(ALICE, "!cd sessions list carol");
    assertThat(h.lastBody()).contains("\"carol\" is not a user id");
    // User ids are printable ASCII of at most 255 characters (the spec's identifier grammar).
    h.say(ALICE, "!cd sessions list @\u202eevil:example.org");
    assertThat(h.lastBody()).contains("is not a user id").doesNotContain("\u202e");
    h.say(ALICE, "!cd verify start @" + "c".repeat(300) + ":example.org DEVICE");
    assertThat(h.lastBody()).contains("is not a user id").contains("…");
    assertThat(e2ee.calls).noneMatch(c -> c.contains("ccc"));
    h.say(ALICE, "!cd sessions keys");
    assertThat(h.lastBody()).contains("I don't know \"keys\"").contains("!cd sessions [info|list");
  }

  @Test
  void aPortFailureIsReportedWithoutBlamingSemaphore() {
    e2ee.failure = Optional.of(new PortException("the key store is locked"));
    h.say(ALICE, "!cd sessions");
    assertThat(h.lastBody()).isEqualTo("❌ the key store is locked");
    h.say(ALICE, "!cd verify");
    assertThat(h.lastBody()).isEqualTo("❌ the key store is locked");
  }

  // ---- verify start, emojis, confirm ----------------------------------------------------------

  @Test
  void startPostsTheEmojisWhenReadyThenConfirmsAndReportsVerified() {
    String cmd = h.say(ALICE, "!cd verify start @alice:example.org PHONE");
    assertThat(e2ee.calls).containsExactly("start " + ALICE + " PHONE");
    String id = onlyVerification();
    assertThat(h.lastBody())
        .contains("I asked " + ALICE + "'s device `PHONE`")
        .contains("`" + shortId(id) + "`");

    int before = h.chat.count();
    e2ee.advance(id, Phase.WAITING);
    assertThat(h.chat.count()).as("nothing to say while waiting").isEqualTo(before);

    e2ee.advance(id, Phase.COMPARE);
    FakeChat.Sent emojis = h.last();
    assertThat(emojis.roomId()).isEqualTo(ROOM);
    assertThat(emojis.message().relation()).contains(new Relation.Reply(cmd));
    assertThat(emojis.body())
        .contains("Compare these emojis")
        .contains("🐶 Dog  🔑 Key  🚀 Rocket  🎸 Guitar  🌵 Cactus  ⚓ Anchor  🍕 Pizza")
        .contains("!cd verify confirm " + shortId(id))
        .contains("!cd verify cancel " + shortId(id));
    e2ee.advance(id, Phase.COMPARE);
    assertThat(h.chat.count()).as("the emojis are posted once").isEqualTo(before + 1);

    h.say(ALICE, "!cd verify confirm " + shortId(id));
    assertThat(e2ee.calls).contains("confirm " + id);
    assertThat(h.lastBody()).contains("the emojis match").contains("Waiting for " + ALICE);

    e2ee.advance(id, Phase.DONE);
    assertThat(h.lastBody()).contains("✅ Verified").contains("`PHONE`");
    assertThat(h.stores.audit().recent(5))
        .extracting(a -> a.action())
        .contains("verify start", "verify confirm");
  }

  @Test
  void startRefusesDevicesItDoesNotKnowAndListsThemWhenNoneIsGiven() {
    h.say(ALICE, "!cd verify start @alice:example.org TOASTER");
    assertThat(h.lastBody())
        .contains("I don't know a device `TOASTER`")
        .contains("!cd sessions list @alice:example.org");
    h.say(ALICE, "!cd verify start @alice:example.org");
    assertThat(h.lastBody())
        .contains("Which device of " + ALICE)
        .contains("`PHONE`")
        .contains("`LAPTOP`");
    h.say(ALICE, "!cd verify start @chatrix:example.org BOTDEVICE");
    assertThat(h.lastBody()).contains("That device is me");
    h.say(ALICE, "!cd verify start");
    assertThat(h.lastBody()).contains("Whose device?");
    assertThat(e2ee.calls).isEmpty();
  }

  @Test
  void confirmIsRefusedBeforeTheEmojisWereShown() {
    h.say(ALICE, "!cd verify start @alice:example.org PHONE");
    String id = onlyVerification();
    h.say(ALICE, "!cd verify confirm " + shortId(id));
    assertThat(h.lastBody()).contains("has no emojis yet");
    assertThat(e2ee.calls).noneMatch(c -> c.startsWith("confirm"));
  }

  @Test
  void emojisNobodyPostedMustBeShownBeforeConfirming() {
    // Started elsewhere (the operator console): chat never followed it.
    String id = e2ee.start(ALICE, "PHONE").id();
    e2ee.advance(id, Phase.COMPARE);
    int before = h.chat.count();
    assertThat(before).as("a verification chat did not start is not announced").isZero();

    h.say(ALICE, "!cd verify confirm");
    assertThat(h.lastBody()).contains("I haven't shown the emojis").contains("!cd verify");
    assertThat(e2ee.calls).noneMatch(c -> c.startsWith("confirm"));

    h.say(ALICE, "!cd verify");
    assertThat(h.lastBody())
        .contains("Verifications in progress")
        .contains("`" + shortId(id) + "` with " + ALICE)
        .contains("🐶 Dog  🔑 Key");
    h.say(ALICE, "!cd verify confirm");
    assertThat(e2ee.calls).contains("confirm " + id);
  }

  @Test
  void emojisThatNeverReachedTheRoomDoNotCountAsShown() {
    AtomicInteger failures = new AtomicInteger(1);
    ChatPort losesTheEmojis =
        (ChatPort)
            Proxy.newProxyInstance(
                ChatPort.class.getClassLoader(),
                new Class<?>[] {ChatPort.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("send")
                      && ((OutgoingMessage) args[1]).body().contains("Compare these emojis")
                      && failures.getAndDecrement() > 0) {
                    throw new PortException("the homeserver timed out");
                  }
                  try {
                    return method.invoke(h.chat, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    h.bot =
        Bot.builder()
            .settings(h.settings::get)
            .chat(losesTheEmojis)
            .runner(h.runner)
            .autoTick(false)
            .encryption(Optional.of(e2ee))
            .build();
    h.say(ALICE, "!cd verify start @alice:example.org PHONE");
    String id = onlyVerification();
    e2ee.advance(id, Phase.COMPARE);
    assertThat(h.lastBody()).doesNotContain("Compare these emojis");

    h.say(ALICE, "!cd verify confirm");
    assertThat(h.lastBody()).contains("I haven't shown the emojis");
    assertThat(e2ee.calls).noneMatch(c -> c.startsWith("confirm"));
    h.say(ALICE, "!cd verify");
    assertThat(h.lastBody()).contains("🐶 Dog").contains("!cd verify confirm " + shortId(id));
    h.say(ALICE, "!cd verify confirm");
    assertThat(e2ee.calls).contains("confirm " + id);
  }

  // ---- requests from other devices ------------------------------------------------------------

  @Test
  void anAdminsRequestIsAnnouncedAndAcceptedFromChat() {
    h.chat.joined.add(OTHER_ROOM);
    h.chat.rooms.put(OTHER_ROOM, new RoomInfo(OTHER_ROOM, "Lobby", true, false, List.of(BOT)));
    String id = e2ee.incoming(ALICE, "LAPTOP");
    assertThat(h.last().roomId()).isEqualTo(ROOM);
    assertThat(h.lastBody())
        .contains(ALICE + " wants to verify their device `LAPTOP`")
        .contains("!cd verify accept " + shortId(id));

    h.say(ALICE, "!cd verify accept " + shortId(id));
    assertThat(e2ee.calls).containsExactly("accept " + id);
    assertThat(h.lastBody()).contains("Accepted");

    e2ee.advance(id, Phase.COMPARE);
    assertThat(h.lastBody()).contains("Compare these emojis").contains("🍕 Pizza");
    h.say(ALICE, "!cd verify accept " + shortId(id));
    assertThat(h.lastBody()).contains("is not waiting for anyone to accept it");
  }

  @Test
  void strangersRequestsAreListedButNotAnnounced() {
    adminsAre(BOB);
    String id = e2ee.incoming(ALICE, "PHONE");
    assertThat(h.chat.count()).isZero();
    h.say(BOB, "!cd verify");
    assertThat(h.lastBody())
        .contains("`" + shortId(id) + "` with " + ALICE)
        .contains("they asked; accept with !cd verify accept " + shortId(id));
  }

  // ---- cancel and ids -------------------------------------------------------------------------

  @Test
  void cancellingWhileComparingTellsTheOtherSideTheEmojisDiffered() {
    h.say(ALICE, "!cd verify start @alice:example.org PHONE");
    String id = onlyVerification();
    e2ee.advance(id, Phase.COMPARE);
    int before = h.chat.count();
    h.say(ALICE, "!cd verify cancel " + id);
    assertThat(e2ee.calls).contains("cancel " + id + " mismatch");
    assertThat(h.lastBody()).contains("Cancelled `" + shortId(id) + "`").contains("did not match");
    assertThat(h.chat.count()).as("one message for the cancel, not two").isEqualTo(before + 1);
    h.say(ALICE, "!cd verify cancel " + id);
    assertThat(h.lastBody()).contains("already over");
  }

  @Test
  void theOtherSideCancellingIsReported() {
    h.say(ALICE, "!cd verify start @alice:example.org PHONE");
    String id = onlyVerification();
    e2ee.theyCancel(id, "the user declined");
    assertThat(h.lastBody()).contains("was cancelled: the user declined");
    h.say(ALICE, "!cd verify");
    assertThat(h.lastBody()).contains("No verifications in progress");
  }

  @Test
  void idsMustNameExactlyOneVerification() {
    h.say(ALICE, "!cd verify cancel nope");
    assertThat(h.lastBody()).contains("There is no verification nope");
    h.say(ALICE, "!cd verify confirm");
    assertThat(h.lastBody()).contains("No verification is in progress");
    h.say(ALICE, "!cd verify start @alice:example.org PHONE");
    h.say(ALICE, "!cd verify start @alice:example.org LAPTOP");
    h.say(ALICE, "!cd verify cancel");
    assertThat(h.lastBody()).contains("Which one? 2 are in progress");
    h.say(ALICE, "!cd verify cancel tx");
    assertThat(h.lastBody()).contains("tx fits more than one verification");
    h.say(ALICE, "!cd verify cancel zz9");
    assertThat(h.lastBody()).contains("There is no verification zz9");
    h.say(ALICE, "!cd verify dance");
    assertThat(h.lastBody()).contains("I don't know \"dance\" for verify");
    assertThat(e2ee.calls).noneMatch(c -> c.startsWith("cancel"));
  }
}
