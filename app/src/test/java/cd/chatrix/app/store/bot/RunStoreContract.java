package cd.chatrix.app.store.bot;

import static cd.chatrix.app.store.bot.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.RunStore;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link RunStore} must do; run against the in-memory and the SQL one. */
abstract class RunStoreContract {

  abstract RunStore store();

  @Test
  void roundTripsEveryField() {
    MonitoredRun full = Samples.fullRun();
    store().save(full);

    assertThat(store().byTask(new TaskRef(4, 99))).containsExactly(full);
    assertThat(store().byTaskId(99)).contains(full);
    assertThat(store().latestInRoom("!room:example.org")).contains(full);
  }

  @ParameterizedTest
  @EnumSource(TaskState.class)
  void roundTripsEveryStateAndFiltersTerminalOnesFromActive(TaskState state) {
    MonitoredRun r = run(1, 5, "!r:x", state, 0);
    store().save(r);

    assertThat(store().byTaskId(5)).contains(r);
    if (state.terminal()) {
      assertThat(store().active()).isEmpty();
    } else {
      assertThat(store().active()).containsExactly(r);
    }
  }

  @Test
  void activeListsOnlyRunsNotYetEnded() {
    var running = run(1, 1, "!a:x", TaskState.RUNNING, 0);
    var waiting = run(1, 2, "!a:x", TaskState.WAITING, 1);
    var done = run(1, 3, "!a:x", TaskState.SUCCESS, 2);
    var failed = run(1, 4, "!b:x", TaskState.ERROR, 3);
    Arrays.asList(running, waiting, done, failed).forEach(store()::save);

    assertThat(store().active()).containsExactlyInAnyOrder(running, waiting);
  }

  @Test
  void saveReplacesTheRunOfTheSameTaskInTheSameRoomOnly() {
    var inA = run(1, 1, "!a:x", TaskState.RUNNING, 0);
    var inB = run(1, 1, "!b:x", TaskState.RUNNING, 0);
    store().save(inA);
    store().save(inB);
    var ended =
        inA.withState(TaskState.SUCCESS, Optional.empty(), Optional.of(Samples.T0), "$new")
            .withStreamedRows(12);
    store().save(ended);

    assertThat(store().byTask(new TaskRef(1, 1))).containsExactlyInAnyOrder(ended, inB);
    assertThat(store().active()).containsExactly(inB);
  }

  @Test
  void byTaskNeedsTheProjectToMatch() {
    store().save(run(1, 1, "!a:x", TaskState.RUNNING, 0));

    assertThat(store().byTask(new TaskRef(2, 1))).isEmpty();
    assertThat(store().byTask(new TaskRef(1, 1))).hasSize(1);
  }

  @Test
  void latestInRoomIsTheMostRecentlyRequestedThenTheHighestTaskId() {
    store().save(run(1, 10, "!a:x", TaskState.SUCCESS, 5));
    store().save(run(1, 30, "!a:x", TaskState.SUCCESS, 1));
    store().save(run(1, 20, "!a:x", TaskState.RUNNING, 5));
    store().save(run(1, 40, "!b:x", TaskState.RUNNING, 9));

    assertThat(store().latestInRoom("!a:x")).map(r -> r.task().taskId()).contains(20L);
    assertThat(store().latestInRoom("!b:x")).map(r -> r.task().taskId()).contains(40L);
    assertThat(store().latestInRoom("!c:x")).isEmpty();
  }

  @Test
  void latestInRoomSeesSubMillisecondDifferences() {
    var earlier = run(1, 2, "!a:x", TaskState.RUNNING, 0);
    var later =
        new MonitoredRun(
            new TaskRef(1, 1),
            "!a:x",
            "$s",
            Optional.empty(),
            Optional.empty(),
            "P",
            "T",
            1,
            "",
            TaskState.RUNNING,
            earlier.requestedAt().plusNanos(1_000),
            Optional.empty(),
            Optional.empty(),
            false,
            0);
    store().save(earlier);
    store().save(later);

    assertThat(store().latestInRoom("!a:x")).contains(later);
  }

  @Test
  void byTaskIdFindsATaskWhateverItsProject() {
    store().save(run(8, 123, "!a:x", TaskState.RUNNING, 0));

    assertThat(store().byTaskId(123)).map(MonitoredRun::task).contains(new TaskRef(8, 123));
    assertThat(store().byTaskId(124)).isEmpty();
  }
}
