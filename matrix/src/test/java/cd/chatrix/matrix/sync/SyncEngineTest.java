package cd.chatrix.matrix.sync;

import static cd.chatrix.matrix.sync.ScriptedSync.join;
import static cd.chatrix.matrix.sync.ScriptedSync.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.http.AccessTokens;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.RetryLayer;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import cd.chatrix.matrix.testing.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
  private final ScriptedSync hs = new ScriptedSync();
  private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofSeconds(2));
  private final Backoff fast = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
  private final Transports transports = new Transports(new RetryLayer(3, fast, sleeper));
  private final HttpTransport api = transports.authenticated(hs.server.baseUri(), fixedToken());
  private final InMemorySyncStateStore store = new InMemorySyncStateStore();
  private final List<SyncEngine> engines = new ArrayList<>();

  private static AccessTokens fixedToken() {
    return new AccessTokens() {
      @Override
      public String current() {
        return "t";
      }

      @Override
      public String renewAfterRejection(String rejected, MatrixError error) {
        throw new ReloginRequiredException("test", error);
      }
    };
  }

  private SyncEngine engine(RoomEventHandler handler) {
    SyncOptions options =
        SyncOptions.defaults()
            .withPollTimeout(Duration.ofMillis(100))
            .withBackoff(fast, sleeper)
            .withHandlerGracePeriod(Duration.ofMillis(200));
    SyncEngine engine = new SyncEngine(api, "@bot:x", store, options);
    engine.addHandler(handler);
    engines.add(engine);
    return engine;
  }

  @AfterEach
  void close() {
    engines.forEach(SyncEngine::close);
    transports.close();
    hs.close();
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
    CountDownLatch stuck = new CountDownLatch(1);
    SyncEngine first =
        engine(e -> {
          if (e.body().equals("a3")) {
            stuck.countDown();
            Thread.sleep(Duration.ofMinutes(5)); // the process "dies" here
          }
          handled.add(e.body());
        });
    first.start();
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    first.close();

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
  void fillsALimitedTimelineFromMessages() {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on(
            "s1",
            "s2",
            "{\"join\":{\"!a\":{\"timeline\":{\"limited\":true,\"prev_batch\":\"p2\",\"events\":["
                + "{\"event_id\":\"$m3\",\"type\":\"m.room.message\",\"sender\":\"@u:x\",\"content\":{\"body\":\"m3\"}}]}}}}");
    hs.server.route(
        "GET /_matrix/client/v3/rooms/%21a/messages",
        r ->
            Reply.json(
                200,
                "{\"start\":\"p2\",\"chunk\":["
                    + "{\"event_id\":\"$m2\",\"type\":\"m.room.message\",\"sender\":\"@u:x\",\"content\":{\"body\":\"m2\"}},"
                    + "{\"event_id\":\"$m1\",\"type\":\"m.room.message\",\"sender\":\"@u:x\",\"content\":{\"body\":\"m1\"}}]}"));
    List<String> handled = new CopyOnWriteArrayList<>();
    engine(e -> handled.add(e.body())).start();

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("m3"));
    assertThat(handled).containsExactly("x", "m1", "m2", "m3");
    String query = hs.server.requests("/_matrix/client/v3/rooms/%21a/messages").getFirst().query();
    assertThat(ScriptedSync.param(query, "to")).isEqualTo("s1");
    assertThat(ScriptedSync.param(query, "dir")).isEqualTo("b");
  }

  @Test
  void aGapLongerThanTheFillerFetchesIsSaidInTheLogNotSkippedInSilence() {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on(
            "s1",
            "s2",
            "{\"join\":{\"!a\":{\"timeline\":{\"limited\":true,\"prev_batch\":\"p0\",\"events\":["
                + "{\"event_id\":\"$last\",\"type\":\"m.room.message\",\"sender\":\"@u:x\",\"content\":{\"body\":\"last\"}}]}}}}");
    java.util.concurrent.atomic.AtomicInteger pages =
        new java.util.concurrent.atomic.AtomicInteger();
    // History without end: every page has 100 events and points further back.
    hs.server.route(
        "GET /_matrix/client/v3/rooms/%21a/messages",
        r -> {
          int page = pages.incrementAndGet();
          StringBuilder chunk = new StringBuilder();
          for (int i = 0; i < 100; i++) {
            chunk
                .append(i == 0 ? "" : ",")
                .append("{\"event_id\":\"$p")
                .append(page)
                .append('_')
                .append(i)
                .append(
                    "\",\"type\":\"m.room.message\",\"sender\":\"@u:x\",\"content\":{\"body\":\"old\"}}");
          }
          return Reply.json(200, "{\"chunk\":[" + chunk + "],\"end\":\"p" + page + "\"}");
        });
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TimelineGapFiller.class);
    var log = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    log.start();
    logger.addAppender(log);
    try {
      List<String> handled = new CopyOnWriteArrayList<>();
      engine(e -> handled.add(e.body())).start();

      await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("last"));
      assertThat(handled).hasSize(1 + 2_000 + 1);
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .singleElement()
          .satisfies(e ->
              assertThat(e.getFormattedMessage())
                  .contains("More than 2000 events were missed in !a")
                  .contains("skipped"));
    } finally {
      logger.detachAppender(log);
    }
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
