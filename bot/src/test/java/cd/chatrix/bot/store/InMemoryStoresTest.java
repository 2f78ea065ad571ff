package cd.chatrix.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {
  private static MonitoredRun run(long task, String room, Instant at, TaskState state) {
    return new MonitoredRun(
        new TaskRef(1, task),
        room,
        "$s" + task,
        Optional.of("@a:x"),
        Optional.empty(),
        "P",
        "T",
        5,
        "",
        state,
        at,
        Optional.empty(),
        Optional.empty(),
        false,
        0);
  }

  @Test
  void runsByRoomTaskAndActivity() {
    var store = new InMemoryRunStore();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    store.save(run(1, "!a", t, TaskState.SUCCESS));
    store.save(run(2, "!a", t.plusSeconds(5), TaskState.RUNNING));
    store.save(run(2, "!b", t.plusSeconds(6), TaskState.RUNNING));
    assertThat(store.latestInRoom("!a")).get().extracting(r -> r.task().taskId()).isEqualTo(2L);
    assertThat(store.byTask(new TaskRef(1, 2))).hasSize(2);
    assertThat(store.active()).hasSize(2);
    assertThat(store.byTaskId(1)).isPresent();
    assertThat(store.latestInRoom("!none")).isEmpty();
  }

  @Test
  void confirmationRemovalIsClaimedOnce() {
    var store = new InMemoryConfirmationStore();
    var pc =
        new PendingConfirmation(
            "id1",
            "!a",
            "@a:x",
            "$c",
            "$p",
            new PendingAction.Exit(),
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(30),
            false,
            false,
            Optional.empty());
    store.save(pc);
    assertThat(store.byPrompt("!a", "$p")).contains(pc);
    assertThat(store.remove("id1")).isTrue();
    assertThat(store.remove("id1")).isFalse();
  }

  @Test
  void roomSettingsSubscriptions() {
    var s =
        RoomSettings.defaults("!a")
            .withSubscription(new Subscription(1, Optional.empty(), false))
            .withSubscription(new Subscription(1, Optional.of(5L), true))
            .withSubscription(new Subscription(1, Optional.empty(), true));
    assertThat(s.subscriptions()).hasSize(2);
    assertThat(s.withoutSubscription(1, 5L).subscriptions()).hasSize(1);
    assertThat(new Subscription(1, Optional.of(5L), false).matches(1, 6)).isFalse();
    assertThat(new Subscription(1, Optional.empty(), false).matches(1, 6)).isTrue();
  }

  @Test
  void auditIsNewestFirst() {
    var log = new InMemoryAuditLog();
    for (int i = 0; i < 5; i++) {
      log.append(
          new AuditEntry(
              Instant.EPOCH.plusSeconds(i), "@a:x", "!a", "run", "d" + i, Optional.empty(), "ok"));
    }
    assertThat(log.recent(2)).extracting(AuditEntry::detail).containsExactly("d4", "d3");
  }
}
