package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the bot reports to its observer: the figures the metrics and the load bench are built on.
 */
class BotObserverTest {
  private final Harness h = new Harness();
  private final Recorder seen = new Recorder();

  BotObserverTest() {
    h.bot = h.build(seen);
  }

  /** Everything an observer heard, in order. */
  static final class Recorder implements BotObserver {
    record Command(
        String name, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {}

    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<TaskState> runs = new CopyOnWriteArrayList<>();
    final List<Boolean> approvals = new CopyOnWriteArrayList<>();
    final List<String> expiries = new CopyOnWriteArrayList<>();

    @Override
    public void commandHandled(
        String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {
      commands.add(new Command(command, outcome, processing, waitedOnPorts));
    }

    @Override
    public void runFinished(TaskState state) {
      runs.add(state);
    }

    @Override
    public void approvalDecided(boolean approved) {
      approvals.add(approved);
    }

    @Override
    public void confirmationExpired() {
      expiries.add("expired");
    }

    Command last() {
      return commands.getLast();
    }
  }

  private void adminsAre(String... admins) {
    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(admins), false));
  }

  @Test
  void aHandledCommandIsReportedByItsTableNameWithItsTimeUntilTheReply() {
    long before = System.nanoTime();
    h.say(ALICE, "!cd projects");
    long elapsed = System.nanoTime() - before;

    assertThat(seen.commands).hasSize(1);
    assertThat(seen.last().name()).isEqualTo("projects");
    assertThat(seen.last().outcome()).isEqualTo(CommandOutcome.OK);
    assertThat(seen.last().processing().plus(seen.last().waitedOnPorts()))
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofNanos(elapsed));
  }

  @Test
  void theWaitForSemaphoreIsCountedApartFromTheBotsOwnProcessing() {
    h.runner.latency = Duration.ofMillis(200);

    h.say(ALICE, "!cd projects");

    assertThat(seen.last().waitedOnPorts()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(seen.last().processing()).isLessThan(Duration.ofMillis(200));
  }

  @Test
  void anUnknownWordIsReportedAsUnknownNotByWhatWasTyped() {
    h.say(ALICE, "!cd frobnicate-the-widgets");

    assertThat(seen.last().name()).isEqualTo("unknown");
    assertThat(seen.last().outcome()).isEqualTo(CommandOutcome.UNKNOWN);
  }

  @Test
  void aCommandTheSenderMayNotUseIsDenied() {
    adminsAre(ALICE);

    h.say(BOB, "!cd rooms");

    assertThat(h.lastBody()).contains("needs the admin role");
    assertThat(seen.last().name()).isEqualTo("rooms");
    assertThat(seen.last().outcome()).isEqualTo(CommandOutcome.DENIED);
  }

  @Test
  void wordsThatDoNotFitTheCommandAreAUsageError() {
    adminsAre(ALICE);

    h.say(ALICE, "!cd rooms join");

    assertThat(h.lastBody()).contains("Syntax: !cd rooms");
    assertThat(seen.last().name()).isEqualTo("rooms");
    assertThat(seen.last().outcome()).isEqualTo(CommandOutcome.USAGE);
  }

  @Test
  void semaphoreBeingDownIsAPortError() {
    h.runner.down = true;

    h.say(ALICE, "!cd projects");

    assertThat(h.lastBody()).contains("not reachable");
    assertThat(seen.last().name()).isEqualTo("projects");
    assertThat(seen.last().outcome()).isEqualTo(CommandOutcome.PORT_ERROR);
  }

  @Test
  void ordinaryChatIsNotACommand() {
    h.say(ALICE, "good morning");

    assertThat(seen.commands).isEmpty();
  }

  @Test
  void aRunIsReportedFinishedOnceHoweverOftenItsEndArrives() {
    h.say(ALICE, "!cd run 1 5");
    h.say(ALICE, "yes");
    TaskRef ref = new TaskRef(1, 101);
    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.RUNNING, Optional.empty(), Optional.empty()));
    assertThat(seen.runs).isEmpty();

    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.SUCCESS, Optional.empty(), Optional.empty()));
    h.bot.onTaskUpdate(h.runner.task(ref));

    assertThat(seen.runs).containsExactly(TaskState.SUCCESS);
    assertThat(seen.commands)
        .extracting(Recorder.Command::name, Recorder.Command::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("run", CommandOutcome.OK));
  }

  @Test
  void aFailedRunIsReportedWithItsState() {
    h.say(ALICE, "!cd run 1 5");
    h.say(ALICE, "yes");
    TaskRef ref = new TaskRef(1, 101);

    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.ERROR, Optional.empty(), Optional.empty()));

    assertThat(seen.runs).containsExactly(TaskState.ERROR);
  }

  @Test
  void approvalsAreReportedWithTheirDecision() {
    h.requireApproval(5);
    h.say(ALICE, "!cd run 1 5");
    String first = h.last().eventId();
    h.react(ALICE, first, "👍");
    h.react(BOB, first, "👍");
    assertThat(h.runner.started).hasSize(1);

    h.say(ALICE, "!cd run 1 5");
    String second = h.last().eventId();
    h.react(ALICE, second, "👍");
    h.react(BOB, second, "👎");

    assertThat(h.runner.started).hasSize(1);
    assertThat(seen.approvals).containsExactly(true, false);
  }

  @Test
  void aConfirmationNobodyAnsweredIsReportedExpiredOnce() {
    h.say(ALICE, "!cd run 1 5");
    h.clock.advance(Duration.ofSeconds(299));
    h.bot.tick();
    assertThat(seen.expiries).isEmpty();

    h.clock.advance(Duration.ofSeconds(2));
    h.bot.tick();
    h.bot.tick();

    assertThat(seen.expiries).hasSize(1);
    assertThat(h.runner.started).isEmpty();
  }

  @Test
  void allObserversHearEverythingEvenWhenOneFails() {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    BotObserver failing =
        new BotObserver() {
          @Override
          public void commandHandled(
              String command, CommandOutcome outcome, Duration processing, Duration waited) {
            throw new IllegalStateException("broken observer");
          }
        };
    BotObserver both = BotObserver.all(first, failing, second);

    both.commandHandled("ping", CommandOutcome.OK, Duration.ofMillis(3), Duration.ZERO);
    both.runFinished(TaskState.STOPPED);
    both.approvalDecided(true);
    both.confirmationExpired();

    for (Recorder r : List.of(first, second)) {
      assertThat(r.commands)
          .containsExactly(
              new Recorder.Command("ping", CommandOutcome.OK, Duration.ofMillis(3), Duration.ZERO));
      assertThat(r.runs).containsExactly(TaskState.STOPPED);
      assertThat(r.approvals).containsExactly(true);
      assertThat(r.expiries).hasSize(1);
    }
  }
}
