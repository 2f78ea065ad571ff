package cd.chatrix.matrix.sync;

import static cd.chatrix.matrix.sync.ScriptedSync.join;
import static cd.chatrix.matrix.sync.ScriptedSync.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import cd.chatrix.matrix.testing.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
  private final ScriptedEngines world = new ScriptedEngines();
  private final ScriptedSync hs = world.hs;
  private final RecordingSleeper sleeper = world.sleeper;
  private final InMemorySyncStateStore store = world.store;

  private SyncEngine engine(RoomEventHandler handler) {
    return world.engine(handler);
  }

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void marksTheFirstSyncHistoricAndKeepsRoomOrder() {
    hs.on("", "s1", join(timeline("!a", "old1", "old2")))
        .on("s1", "s2", join(timeline("!a", "new1", "new2", "new3"), timeline("!b", "other")));
    List<RoomEvent> seen = new CopyOnWriteArrayList<>();
    engine(seen::add).start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.since().filter("s2"::equals).isPresent());

    assertThat(seen)
        .filteredOn(RoomEvent::historic)
        .extracting(RoomEvent::body)
        .containsExactly("old1", "old2");
    assertThat(seen)
        .filteredOn(e -> e.roomId().equals("!a") && !e.historic())
        .extracting(RoomEvent::body)
        .containsExactly("new1", "new2", "new3");
    assertThat(seen)
        .filteredOn(e -> e.roomId().equals("!b"))
        .extracting(RoomEvent::historic)
        .containsExactly(false);
  }

  @Test
  void afterACrashMidBatchEveryEventIsHandledExactlyOnce() throws Exception {
    hs.on("", "s1", join(timeline("!a", "x1")))
        .on(
            "s1",
            "s2",
            join(timeline("!a", "a1", "a2", "a3", "a4", "a5"), timeline("!b", "b1", "b2", "b3")));
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    world.crashAt("a3", handled);

    assertThat(store.since()).contains("s1");
    assertThat(handled).contains("x1", "a1", "a2").doesNotContain("a3", "a4", "a5");

    engine(e -> handled.add(e.body())).start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.since().filter("s2"::equals).isPresent());

    assertThat(handled)
        .containsExactlyInAnyOrder("x1", "a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3");
    assertThat(handled.stream().filter(b -> b.startsWith("a")).toList())
        .containsExactly("a1", "a2", "a3", "a4", "a5");
  }

  @Test
  void aThrowingHandlerDoesNotStallTheRoom() {
    hs.on("", "s1", join(timeline("!a", "boom", "after")));
    List<String> handled = new CopyOnWriteArrayList<>();
    engine(
            e -> {
              if (e.body().equals("boom")) {
                throw new IllegalStateException("handler bug");
              }
              handled.add(e.body());
            })
        .start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.since().filter("s1"::equals).isPresent());
    assertThat(handled).containsExactly("after");
  }

  @Test
  void aSlowHandlerNeverBlocksTheLoopOrOtherRooms() throws Exception {
    hs.on("", "s1", join(timeline("!slow", "s")))
        .on("s1", "s2", join(timeline("!fast", "f1")))
        .on("s2", "s3", join(timeline("!fast", "f2")));
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    engine(
            e -> {
              if (e.roomId().equals("!slow")) {
                release.await(20, TimeUnit.SECONDS);
              }
              handled.add(e.body());
            })
        .start();

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.containsAll(List.of("f1", "f2")));
    assertThat(store.since()).isEmpty();
    release.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.since().filter("s3"::equals).isPresent());
  }

  @Test
  void anIdleRoomsFirstEventIsHandledOnTheThreadThatTookItsResponseIn() {
    hs.on("", "s1", join(timeline("!a", "a1", "a2"), timeline("!b", "b1")))
        .on("s1", "s2", join(timeline("!c", "c1")));
    Map<String, Thread> tookIn = new ConcurrentHashMap<>();
    Map<String, Thread> handledOn = new ConcurrentHashMap<>();
    List<String> roomA = new CopyOnWriteArrayList<>();
    SyncEngine engine =
        engine(e -> {
          handledOn.put(e.body(), Thread.currentThread());
          if (e.roomId().equals("!a")) {
            roomA.add(e.body());
          }
        });
    // The first response to carry each position (an idle poll repeats the last one).
    engine.addListener(batch -> tookIn.putIfAbsent(batch.nextBatch(), Thread.currentThread()));
    engine.start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.since().filter("s2"::equals).isPresent());

    // The loop went on on another thread each time; the idle room's lane stayed where it was.
    assertThat(handledOn.get("a1")).isSameAs(tookIn.get("s1"));
    assertThat(handledOn.get("a2")).isSameAs(tookIn.get("s1"));
    assertThat(handledOn.get("b1")).isNotSameAs(tookIn.get("s1"));
    assertThat(handledOn.get("c1")).isSameAs(tookIn.get("s2"));
    assertThat(tookIn.get("s2")).isNotSameAs(tookIn.get("s1"));
    assertThat(roomA).containsExactly("a1", "a2");
    assertThat(engine.isRunning()).isTrue();
  }

  @Test
  void rateLimitedSyncWaitsAsToldAndLosesNothing() {
    hs.on("", "s1", join(timeline("!a", "m1")));
    for (int i = 0; i < 4; i++) {
      hs.faults.add(Reply.json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":120}"));
    }
    List<String> handled = new CopyOnWriteArrayList<>();
    engine(e -> handled.add(e.body())).start();

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("m1"));
    assertThat(sleeper.waits()).filteredOn(d -> d.equals(Duration.ofMillis(120))).hasSize(4);
  }

  @Test
  void reconnectsAfterAnOutage() {
    hs.on("", "s1", join(timeline("!a", "m1")));
    for (int i = 0; i < 4; i++) {
      hs.faults.add(Reply.dropConnection());
      hs.faults.add(Reply.json(502, ""));
    }
    List<String> handled = new CopyOnWriteArrayList<>();
    SyncEngine engine = engine(e -> handled.add(e.body()));
    engine.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("m1"));
    assertThat(handled).containsExactly("m1");
    assertThat(engine.isRunning()).isTrue();
  }

  @Test
  void stopsWithAClearReasonWhenTheSessionEnds() {
    hs.faults.add(Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Token revoked\"}"));
    SyncEngine engine = engine(e -> {});
    engine.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.failure().isPresent());
    assertThat(engine.failure().get())
        .isInstanceOf(ReloginRequiredException.class)
        .hasMessageContaining("Log in again");
  }

  @Test
  void uploadsALazyLoadingFilter() {
    hs.on("", "s1", join());
    engine(e -> {}).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> store.since().isPresent());
    String filter =
        hs.server.requests("/_matrix/client/v3/user/%40bot%3Ax/filter").getFirst().body();
    assertThat(filter).contains("\"lazy_load_members\":true").contains("\"limit\":50");
    assertThat(
            ScriptedSync.param(
                hs.server.requests("/_matrix/client/v3/sync").getFirst().query(), "filter"))
        .isEqualTo("f1");
  }

  @Test
  void aRestartAsksForFullStateOnceWithoutReplayingTheTimeline() {
    hs.on("", "s1", join(timeline("!a", "x")));
    List<String> handled = new CopyOnWriteArrayList<>();
    SyncEngine first = engine(e -> handled.add(e.body()));
    first.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> store.since().isPresent());
    first.close();
    int before = hs.server.requests("/_matrix/client/v3/sync").size();

    engine(e -> handled.add(e.body())).start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> hs.server.requests("/_matrix/client/v3/sync").size() >= before + 2);

    var afterRestart = hs.server.requests("/_matrix/client/v3/sync").subList(before, before + 2);
    assertThat(ScriptedSync.param(afterRestart.get(0).query(), "full_state")).isEqualTo("true");
    assertThat(ScriptedSync.param(afterRestart.get(1).query(), "full_state")).isEmpty();
    assertThat(handled).containsExactly("x");
  }

  @Test
  void timingListenersHearEachResponseOnceItsEventsAreHandled() {
    hs.on("", "s1", join(timeline("!a", "old1")))
        .on("s1", "s2", join(timeline("!a", "slow", "fast")));
    record Timing(Duration elapsed, int events) {}
    List<Timing> timings = new CopyOnWriteArrayList<>();
    SyncEngine engine =
        engine(e -> {
          if (e.body().equals("slow")) {
            Thread.sleep(150);
          }
        });
    engine.addTimingListener((elapsed, events) -> timings.add(new Timing(elapsed, events)));
    engine.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> timings.size() >= 2);

    assertThat(timings.get(0).events()).isEqualTo(1);
    assertThat(timings.get(1).events()).isEqualTo(2);
    // The second response is done only after its slow event was handled.
    assertThat(timings.get(1).elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }
}
