package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Defects of the original ChatrixCD (reference §11.1) that must not come back, one test each where
 * the bot alone decides. The item number is in each test's comment; the rest of §11.1 is covered by
 * the tests listed in the end-to-end suite's report.
 */
class OriginalDefectsTest {
  private final Harness h = new Harness();

  private String askRun(String args) {
    h.say(ALICE, "!cd run " + args);
    return h.last().eventId();
  }

  /** §11.1.3: a pending question does not swallow the asker's next command. */
  @Test
  void whileExitWaitsForAnAnswerOtherCommandsAreHandledAndYesStillConfirms() {
    h.say(ALICE, "!cd exit");
    assertThat(h.lastBody()).contains("Shut the bot down?");

    h.say(ALICE, "!cd log on");
    assertThat(h.stores.rooms().get(ROOM).logStreaming()).isTrue();
    assertThat(h.lastBody()).doesNotContainIgnoringCase("cancelled");
    assertThat(h.shutdowns).isEmpty();

    h.say(ALICE, "yes");
    assertThat(h.shutdowns).hasSize(1);
  }

  /** §11.1.4: the expiry of an older question does not remove a newer one of the same user. */
  @Test
  void anOlderQuestionsExpiryLeavesANewerOneFromTheSameUserInTheSameRoomAlone() {
    askRun("1 5");
    h.clock.advance(Duration.ofSeconds(200));
    askRun("1 6");
    h.clock.advance(Duration.ofSeconds(150));
    h.bot.tick();

    assertThat(h.stores.confirmations().all()).hasSize(1);
    h.say(ALICE, "yes");
    assertThat(h.runner.started).hasSize(1);
    assertThat(h.runner.started.getFirst().templateId()).isEqualTo(6);
  }

  /** §11.1.5: someone else's reaction is told who may answer, and not offered an impossible way. */
  @Test
  void aReactionFromSomeoneElseIsToldWhoMayAnswerAndStartsNothing() {
    String prompt = askRun("1 5");

    h.react(BOB, prompt, "👍");

    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains(ALICE).doesNotContain("Admins can reply");
    h.react(ALICE, prompt, "👍");
    assertThat(h.runner.started).hasSize(1);
  }

  /** §11.1.6: stop works for a task this process did not start. */
  @Test
  void aTaskStartedElsewhereCanBeStopped() {
    var ref = new TaskRef(1, 77);
    h.runner.addTask(TaskInfo.of(ref, 6, TaskState.RUNNING));

    h.say(ALICE, "!cd stop 77");
    assertThat(h.lastBody()).contains("Stop task #77");
    h.say(ALICE, "yes");

    assertThat(h.runner.stopped).containsExactly(ref);
  }

  /** §11.1.6: finished runs leave the monitored set instead of piling up. */
  @Test
  void aFinishedRunIsNoLongerCountedAsMonitored() {
    h.react(ALICE, askRun("1 5"), "👍");
    var ref = new TaskRef(1, 101);
    h.say(ALICE, "!cd info");
    assertThat(h.lastBody()).contains("Monitored tasks: 1");

    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.SUCCESS, Optional.empty(), Optional.empty()));

    h.say(ALICE, "!cd info");
    assertThat(h.lastBody()).contains("Monitored tasks: 0");
    assertThat(h.bot.watchedTasks()).doesNotContain(ref);
  }

  /** §11.1.10: "rejected" is final: the run ends, is announced once, and is no longer watched. */
  @Test
  void aRejectedTaskEndsItsRunAndIsAnnouncedOnce() {
    h.react(ALICE, askRun("1 5"), "👍");
    var ref = new TaskRef(1, 101);
    int before = h.chat.count();

    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.REJECTED, Optional.empty(), Optional.empty()));
    h.bot.onTaskUpdate(h.runner.tasks.get(ref));
    h.bot.tick();

    assertThat(h.chat.sentSince(before)).hasSize(1);
    assertThat(h.last().message().mentions()).containsExactly(ALICE);
    assertThat(h.lastBody()).contains("rejected");
    assertThat(h.stores.runs().active()).isEmpty();
  }

  /** §11.1.11: reloaded admins and rooms reach the command handling at once. */
  @Test
  void reloadedAdminsAndRoomsApplyToTheNextMessage() {
    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(BOB), false));
    h.say(ALICE, "!cd run 1 5");
    assertThat(h.lastBody()).contains("needs the operator role");

    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(ALICE), false));
    h.say(ALICE, "!cd run 1 5");
    assertThat(h.lastBody()).contains("Run Deploy web");

    h.settings.set(
        h.settings.get().withAccess(Set.of("!elsewhere:example.org"), Set.of(ALICE), false));
    int before = h.chat.count();
    h.say(ALICE, "!cd ping");
    assertThat(h.chat.count()).isEqualTo(before);
  }
}
