package cd.chatrix.app.boot.console;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.tui.TaskView;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.InMemoryRunStore;
import cd.chatrix.bot.store.MonitoredRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentRunsTest {
  private final InMemoryRunStore store = new InMemoryRunStore();

  @Test
  void listsActiveRunsNewestFirstWithWhoAsked() {
    store.save(run(1, "!a:hs", TaskState.RUNNING, 10));
    store.save(run(2, "!a:hs", TaskState.WAITING, 20));

    List<TaskView> tasks = new RecentRuns(store, List::of).tasks();

    assertThat(tasks).extracting(TaskView::id).containsExactly(2L, 1L);
    assertThat(tasks.getFirst().running()).isTrue();
    assertThat(tasks.getFirst().requestedBy()).isEqualTo("@ops:hs");
    assertThat(tasks.getFirst().status()).isEqualTo("waiting");
  }

  @Test
  void aRunThatEndedBeforeTheFirstLookIsFoundThroughItsRoom() {
    store.save(run(7, "!a:hs", TaskState.SUCCESS, 10));

    assertThat(new RecentRuns(store, () -> List.of("!a:hs")).tasks())
        .singleElement()
        .satisfies(t -> {
          assertThat(t.id()).isEqualTo(7);
          assertThat(t.running()).isFalse();
          assertThat(t.status()).isEqualTo("success");
        });
    assertThat(new RecentRuns(store, List::of).tasks()).isEmpty();
  }

  @Test
  void aRunSeenActiveStaysListedAfterItEnds() {
    RecentRuns runs = new RecentRuns(store, List::of);
    store.save(run(3, "!a:hs", TaskState.RUNNING, 10));
    assertThat(runs.active()).extracting(TaskView::id).containsExactly(3L);

    store.save(run(3, "!a:hs", TaskState.ERROR, 10));

    assertThat(runs.active()).isEmpty();
    assertThat(runs.tasks())
        .singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo("error"));
  }

  @Test
  void aRunInTwoRoomsIsListedOnce() {
    store.save(run(4, "!a:hs", TaskState.RUNNING, 10));
    store.save(run(4, "!b:hs", TaskState.RUNNING, 10));

    assertThat(new RecentRuns(store, () -> List.of("!a:hs", "!b:hs")).tasks()).hasSize(1);
  }

  private static MonitoredRun run(long id, String room, TaskState state, long requestedAt) {
    return new MonitoredRun(
        new TaskRef(1, id),
        room,
        "$status" + id,
        Optional.of("@ops:hs"),
        Optional.empty(),
        "Shop",
        "Deploy web",
        5,
        "",
        state,
        Instant.ofEpochSecond(requestedAt),
        Optional.of(Instant.ofEpochSecond(requestedAt + 1)),
        Optional.empty(),
        false,
        0);
  }
}
