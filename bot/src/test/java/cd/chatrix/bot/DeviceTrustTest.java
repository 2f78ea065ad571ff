package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.Harness;
import org.junit.jupiter.api.Test;

/**
 * {@code matrix.trust_policy: verified} as the bot sees it: an event whose device the app does not
 * trust changes nothing, is answered with how to fix it, and is audited.
 */
class DeviceTrustTest {
  private static final SenderTrust PHONE = new SenderTrust.UnverifiedDevice("PHONE");
  private static final SenderTrust CLEAR = new SenderTrust.Unauthenticated(true);
  private final Harness h = new Harness();

  @Test
  void anUnverifiedDeviceCannotStartARunAndIsToldHowToVerifyIt() {
    String command = h.sayFrom(ALICE, PHONE, "!cd run 1 5");

    assertThat(h.runner.started).isEmpty();
    assertThat(h.last().message().toString()).contains(command);
    assertThat(h.lastBody())
        .contains("PHONE")
        .contains("not one yet")
        .contains("!cd verify start " + ALICE + " PHONE");
    // No question was asked, so a trusted "yes" afterwards starts nothing either.
    h.say(ALICE, "yes");
    assertThat(h.runner.started).isEmpty();
    assertThat(h.stores.audit().recent(5))
        .anySatisfy(e -> {
          assertThat(e.user()).isEqualTo(ALICE);
          assertThat(e.action()).isEqualTo("run");
          assertThat(e.detail()).isEqualTo("run 1 5");
          assertThat(e.outcome()).isEqualTo("refused: device PHONE not verified");
        });
  }

  @Test
  void aBlindYesFromAnUnverifiedDeviceConfirmsNothingButTheTrustedOneStillCan() {
    h.say(ALICE, "!cd run 1 5");
    String prompt = h.last().eventId();

    h.sayFrom(ALICE, PHONE, "yes");
    h.reactFrom(ALICE, PHONE, prompt, "👍");

    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains("PHONE");
    assertThat(h.stores.audit().recent(10))
        .filteredOn(e -> e.outcome().startsWith("refused"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.detail()).startsWith("yes to run Deploy web"));

    h.say(ALICE, "yes");
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void anApprovalFromAnUnverifiedDeviceIsRefused() {
    h.requireApproval(5);
    h.say(ALICE, "!cd run 1 5");
    String prompt = h.last().eventId();
    h.say(ALICE, "yes");

    h.reactFrom(BOB, PHONE, prompt, "👍");
    h.sayFrom(BOB, PHONE, "!cd approve");
    assertThat(h.runner.started).isEmpty();

    h.react(BOB, prompt, "👍");
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void commandsThatChangeNothingAreStillAnswered() {
    h.sayFrom(ALICE, PHONE, "!cd projects");
    assertThat(h.lastBody()).contains("Infra");
    h.sayFrom(ALICE, PHONE, "!cd ping");
    assertThat(h.lastBody()).doesNotContain("verified devices");
    h.sayFrom(ALICE, PHONE, "!cd log on");
    assertThat(h.lastBody()).contains("verified devices");
    assertThat(h.stores.rooms().get(Harness.ROOM).logStreaming()).isFalse();
  }

  @Test
  void inAnUnencryptedRoomStateChangesAreRefusedWithTheReason() {
    h.sayFrom(ALICE, CLEAR, "!cd stop 101");
    assertThat(h.lastBody()).contains("without encryption");
    assertThat(h.runner.stopped).isEmpty();
    h.sayFrom(ALICE, CLEAR, "!cd exit");
    assertThat(h.shutdowns).isEmpty();
    assertThat(h.stores.audit().recent(5))
        .anySatisfy(e -> assertThat(e.outcome()).isEqualTo("refused: unencrypted, device unknown"));
  }

  @Test
  void eachUntrustedDeviceIsWarnedAboutOnceInTheLogAndEveryRefusalIsAudited() {
    var records = new java.util.concurrent.CopyOnWriteArrayList<java.util.logging.LogRecord>();
    var handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    var logger = java.util.logging.Logger.getLogger("cd.chatrix.bot.flow.TrustGate");
    logger.addHandler(handler);
    try {
      h.sayFrom(ALICE, PHONE, "!cd run 1 5");
      h.sayFrom(ALICE, PHONE, "!cd stop 101");
      h.sayFrom(ALICE, new SenderTrust.UnverifiedDevice("TABLET"), "!cd run 1 5");
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(records).filteredOn(r -> r.getLevel() == java.util.logging.Level.WARNING).hasSize(2);
    assertThat(h.stores.audit().recent(10))
        .filteredOn(e -> e.outcome().startsWith("refused"))
        .hasSize(3);
  }
}
