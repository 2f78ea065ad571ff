package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.FakeRunner;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.fake.LogCapture;
import cd.chatrix.bot.store.AuditEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Alice says yes, and the bot dies before it hears Semaphore's answer: the start's POST may not
 * have left, or may have made the task with its answer lost. The next bot (a restart, or the
 * standby replica taking over) finds the claimed start and settles it: the run is started or taken
 * up exactly once, and Alice hears about it once.
 */
class CutStartTest {
  private final Harness h = new Harness();

  private String askRunAndSayYesThenDie(FakeRunner.Crash crash) {
    h.say(ALICE, "!cd run 1 5");
    String prompt = h.last().eventId();
    h.runner.crash = crash;
    h.react(ALICE, prompt, "👍");
    return prompt;
  }

  private long statusMessages() {
    return h.chat.sent.stream().filter(m -> m.body().contains("task #")).count();
  }

  @Test
  void aYesWhosePostNeverLeftStartsTheRunOnceAfterTheRestart() {
    String prompt = askRunAndSayYesThenDie(FakeRunner.Crash.BEFORE_START);
    assertThat(h.runner.started).isEmpty();
    assertThat(h.stores.confirmations().all()).as("no longer a question").isEmpty();

    h.clock.advance(Duration.ofSeconds(5));
    h.restart();
    assertThat(h.runner.started)
        .as("the stopped bot's POST may still be on its way: not yet")
        .isEmpty();
    h.clock.advance(Duration.ofSeconds(20));
    h.bot.tick();
    assertThat(h.runner.started).isEmpty();

    h.clock.advance(Duration.ofSeconds(6));
    h.bot.tick();

    assertThat(h.runner.started).hasSize(1);
    assertThat(h.last().body()).contains("Deploy web").contains("task #101");
    assertThat(statusMessages()).isEqualTo(1);
    assertThat(h.chat.lastEditOf(prompt).orElseThrow().message().body()).startsWith("✅");
    assertThat(h.stores.confirmations().claimedStarts()).isEmpty();

    h.restart();
    assertThat(h.runner.started).as("settled once, not at every start").hasSize(1);
  }

  @Test
  void aTaskThatShowsUpWhileTheYesIsYoungIsFollowedNotStartedAgain() {
    askRunAndSayYesThenDie(FakeRunner.Crash.BEFORE_START);
    h.restart();
    assertThat(h.runner.started).isEmpty();

    // The stopped bot's POST arrives late, and Semaphore makes the task after all.
    var late = h.stores.confirmations().claimedStarts().getFirst();
    var run = (cd.chatrix.bot.store.PendingAction.Run) late.confirmation().action();
    h.runner.start(run.projectId(), run.request());
    h.clock.advance(Duration.ofSeconds(31));
    h.bot.tick();

    assertThat(h.runner.started).as("only the late one").hasSize(1);
    assertThat(statusMessages()).isEqualTo(1);
  }

  @Test
  void aTaskSemaphoreMadeBeforeTheBotDiedIsFollowedNotStartedAgain() {
    askRunAndSayYesThenDie(FakeRunner.Crash.AFTER_START);
    assertThat(h.runner.started).hasSize(1);
    assertThat(statusMessages()).isZero();

    h.clock.advance(Duration.ofSeconds(5));
    h.restart();

    assertThat(h.runner.started).as("no second task").hasSize(1);
    assertThat(statusMessages()).isEqualTo(1);
    var run = h.stores.runs().byTaskId(101).orElseThrow();
    assertThat(run.requester()).contains(ALICE);
    assertThat(h.stores.audit().recent(5))
        .anySatisfy(e -> {
          assertThat(e.taskId()).contains(101L);
          assertThat(e.outcome()).contains("found in Semaphore after a restart");
        });
  }

  @Test
  void theAnswerSentAgainAfterTheRestartStartsNothingMore() {
    askRunAndSayYesThenDie(FakeRunner.Crash.AFTER_START);
    h.restart();
    int said = h.chat.sent.size();

    h.say(ALICE, "yes");

    assertThat(h.runner.started).hasSize(1);
    assertThat(h.chat.sent).hasSize(said);
  }

  @Test
  void aYesOlderThanAQuestionWaitsStartsNothingAndTellsTheRequester() {
    String prompt = askRunAndSayYesThenDie(FakeRunner.Crash.BEFORE_START);

    h.clock.advance(h.settings.get().confirmationTimeout().plusMinutes(1));
    h.restart();

    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains(ALICE).contains("start it again").contains("Deploy web");
    assertThat(h.chat.lastEditOf(prompt).orElseThrow().message().body()).contains("Not started");
    assertThat(h.stores.audit().recent(5))
        .extracting(AuditEntry::outcome)
        .anySatisfy(o -> assertThat(o).contains("not started"));
    assertThat(h.stores.confirmations().claimedStarts()).isEmpty();
  }

  @Test
  void aSemaphoreDownAtTheRestartDelaysTheSettlementAndIsSaidOnce() {
    askRunAndSayYesThenDie(FakeRunner.Crash.BEFORE_START);
    h.runner.down = true;
    try (var log = new LogCapture(true)) {
      h.restart();
      h.bot.tick();
      h.bot.tick();
      assertThat(h.runner.started).isEmpty();
      assertThat(h.stores.confirmations().claimedStarts()).hasSize(1);
      assertThat(log.warnings())
          .filteredOn(r -> r.getMessage().contains("cannot be checked in Semaphore"))
          .hasSize(1);

      h.runner.down = false;
      h.clock.advance(Duration.ofSeconds(31));
      h.bot.tick();
    }

    assertThat(h.runner.started).hasSize(1);
    assertThat(statusMessages()).isEqualTo(1);
  }

  @Test
  void anApprovedRunTakenUpAfterTheRestartKeepsItsApprover() {
    h.requireApproval(5);
    h.say(ALICE, "!cd run 1 5");
    String prompt = h.last().eventId();
    h.say(ALICE, "yes");
    h.runner.crash = FakeRunner.Crash.AFTER_START;
    h.react(BOB, prompt, "👍");

    h.restart();

    assertThat(h.runner.started).hasSize(1);
    assertThat(h.stores.runs().byTaskId(101).orElseThrow().approver()).contains(BOB);
  }

  @Test
  void aStartThisBotIsSeeingThroughIsNotSettledUnderIt() {
    h.bot.start();
    h.say(ALICE, "!cd run 1 5");
    String prompt = h.last().eventId();
    h.runner.crash = FakeRunner.Crash.BEFORE_START;
    h.react(ALICE, prompt, "👍");

    // The same bot goes on (the failure was not a stop): its tick must not start the run behind
    // its own back; the next bot settles it.
    h.bot.tick();
    assertThat(h.runner.started).isEmpty();
    assertThat(h.stores.confirmations().claimedStarts()).hasSize(1);
  }
}
