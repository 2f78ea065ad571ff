package cd.chatrix.semaphore.watch;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.semaphore.watch.TaskEvent.Source;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskTrackerTest {
  private final TaskTracker tracker = new TaskTracker();

  @Test
  void theSameStatusFromBothChannelsIsReportedOnce() {
    tracker.add(WatchedTask.fresh(1, 10));
    assertThat(tracker.push(1, 10, TaskStatus.RUNNING, 100)).hasSize(1);
    assertThat(tracker.poll(1, 10, TaskStatus.RUNNING, 200)).isEmpty();
    assertThat(tracker.push(1, 10, TaskStatus.RUNNING, 300)).isEmpty();
  }

  @Test
  void aPollOlderThanTheLastPushIsIgnored() {
    tracker.add(new WatchedTask(1, 10, Optional.of(TaskStatus.RUNNING)));
    tracker.push(1, 10, TaskStatus.WAITING_CONFIRMATION, 500);
    // The poll request left before the push frame arrived: its "running" is stale.
    assertThat(tracker.poll(1, 10, TaskStatus.RUNNING, 400)).isEmpty();
    assertThat(tracker.poll(1, 10, TaskStatus.CONFIRMED, 600))
        .containsExactly(
            new TaskEvent.StatusChanged(
                1,
                10,
                Optional.of(TaskStatus.WAITING_CONFIRMATION),
                TaskStatus.CONFIRMED,
                Source.POLL));
  }

  @Test
  void statusesSemaphoreNeverReturnsToAreNotAcceptedAgain() {
    tracker.add(WatchedTask.fresh(1, 10));
    tracker.push(1, 10, TaskStatus.WAITING, 1);
    tracker.push(1, 10, TaskStatus.RUNNING, 2);
    assertThat(tracker.push(1, 10, TaskStatus.WAITING, 3)).isEmpty();
    tracker.push(1, 10, TaskStatus.WAITING_CONFIRMATION, 4);
    tracker.push(1, 10, TaskStatus.CONFIRMED, 5);
    assertThat(tracker.push(1, 10, TaskStatus.WAITING_CONFIRMATION, 6)).isEmpty();
    assertThat(tracker.push(1, 10, TaskStatus.RUNNING, 7)).hasSize(1);
  }

  @Test
  void aTerminalStatusEndsTheTaskExactlyOnce() {
    tracker.add(WatchedTask.fresh(1, 10));
    assertThat(tracker.push(1, 10, TaskStatus.SUCCESS, 1))
        .extracting(TaskEvent::terminal)
        .containsExactly(false, true);
    assertThat(tracker.push(1, 10, TaskStatus.SUCCESS, 2)).isEmpty();
    assertThat(tracker.poll(1, 10, TaskStatus.STOPPED, 3)).isEmpty();
    assertThat(tracker.vanished(1, 10, "gone")).isEmpty();
    assertThat(tracker.snapshot()).isEmpty();
  }

  @Test
  void stoppingOnlyGoesToAnEnd() {
    tracker.add(new WatchedTask(1, 10, Optional.of(TaskStatus.STOPPING)));
    assertThat(tracker.push(1, 10, TaskStatus.RUNNING, 1)).isEmpty();
    assertThat(tracker.push(1, 10, TaskStatus.ERROR, 2)).hasSize(2);
  }

  @Test
  void resumingWithATerminalStatusWatchesNothing() {
    assertThat(tracker.add(new WatchedTask(1, 10, Optional.of(TaskStatus.ERROR)))).isFalse();
    assertThat(tracker.byProject()).isEmpty();
  }

  @Test
  void unknownStatusesAreReportedButDoNotEndTheTask() {
    tracker.add(WatchedTask.fresh(1, 10));
    assertThat(tracker.push(1, 10, TaskStatus.parse("paused"), 1)).hasSize(1);
    assertThat(tracker.snapshot())
        .singleElement()
        .satisfies(w -> assertThat(w.lastKnownStatus()).hasValue(new TaskStatus.Other("paused")));
  }
}
