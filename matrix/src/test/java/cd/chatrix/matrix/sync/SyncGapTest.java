package cd.chatrix.matrix.sync;

import static cd.chatrix.matrix.sync.ScriptedSync.join;
import static cd.chatrix.matrix.sync.ScriptedSync.limited;
import static cd.chatrix.matrix.sync.ScriptedSync.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A limited timeline: the events the bot missed between two syncs are fetched forwards, a page at a
 * time, only as fast as the handlers take them, and each is handled once, in order.
 */
class SyncGapTest {
  private static final String MESSAGES = "/_matrix/client/v3/rooms/%21a/messages";

  private final ScriptedEngines world = new ScriptedEngines();
  private final ScriptedSync hs = world.hs;
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final Logger engineLog = (Logger) LoggerFactory.getLogger(SyncEngine.class);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void listen() {
    log.start();
    engineLog.addAppender(log);
    engineLog.setLevel(Level.INFO);
  }

  @AfterEach
  void close() {
    engineLog.detachAppender(log);
    engineLog.setLevel(null);
    world.close();
  }

  private static List<String> gap(int size) {
    return IntStream.range(0, size).mapToObj(i -> "g" + i).toList();
  }

  private List<String> logged(Level level) {
    return log.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void theMissedEventsComeFirstOldestFirstThenTheTimeline() {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on("s1", "s2", join(limited("!a", "p2", "m3")))
        .history("!a", "s1", "p2", List.of("m1", "m2"));
    world.engine(e -> handled.add(e.body())).start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.store.since().filter("s2"::equals).isPresent());
    assertThat(handled).containsExactly("x", "m1", "m2", "m3");
  }

  @Test
  void aLongGapStaysOnTheHomeserverUntilTheHandlersHaveRoom() throws Exception {
    List<String> missed = gap(2_000);
    hs.on("", "s1", join(timeline("!a", "x")))
        .on("s1", "s2", join(limited("!a", "p2", "last")))
        .history("!a", "s1", "p2", missed);
    CountDownLatch release = new CountDownLatch(1);
    world
        .engine(
            e -> {
              if (e.body().startsWith("g")) {
                release.await(30, TimeUnit.SECONDS);
              }
              handled.add(e.body());
            },
            options -> options.withMaxOpenEvents(120))
        .start();

    // Pages of 50 are asked for while fewer than 120 events wait: 0, 50, 100, then no more.
    await().atMost(Duration.ofSeconds(10)).until(() -> hs.server.requests(MESSAGES).size() >= 3);
    Thread.sleep(300);
    assertThat(hs.server.requests(MESSAGES)).hasSize(3);

    release.countDown();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> world.store.since().filter("s2"::equals).isPresent());
    List<String> expected = new ArrayList<>(List.of("x"));
    expected.addAll(missed);
    expected.add("last");
    assertThat(handled).containsExactlyElementsOf(expected);
    assertThat(logged(Level.INFO))
        .contains("Caught up on 2000 events in !a that came faster than" + " the bot took them in");
  }

  @Test
  void roomsWithGapsTakeTurnsPageByPage() {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on("s1", "s2", join(limited("!a", "pa", "a-last"), limited("!b", "pb", "b-last")))
        .history("!a", "s1", "pa", gap(120))
        .history("!b", "s1", "pb", List.of("b1"));
    world.engine(e -> handled.add(e.roomId() + " " + e.body())).start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.store.since().filter("s2"::equals).isPresent());
    // !b's one-page gap was asked for right after !a's first page, not after all of !a's.
    List<String> asked =
        hs.server.requests().stream()
            .map(r -> r.path())
            .filter(p -> p.endsWith("/messages"))
            .map(p -> p.split("/")[5])
            .toList();
    assertThat(asked.subList(0, 2)).containsExactly("%21a", "%21b");
    assertThat(handled).filteredOn(h -> h.startsWith("!b")).containsExactly("!b b1", "!b b-last");
    assertThat(handled).filteredOn(h -> h.startsWith("!a")).hasSize(1 + 120 + 1);
  }

  @Test
  void aPageThatKeepsFailingTakesTheResponseInAgainAndNothingIsHandledTwice() {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on("s1", "s2", join(limited("!a", "p2", "last")))
        .history("!a", "s1", "p2", gap(300));
    // More 500s than the transport's three tries: the sync loop backs off and starts over.
    var failures = new ConcurrentLinkedQueue<Reply>();
    for (int i = 0; i < 4; i++) {
      failures.add(Reply.json(500, "{\"errcode\":\"M_UNKNOWN\",\"error\":\"boom\"}"));
    }
    hs.pageFaults.put("h100", failures);
    world.engine(e -> handled.add(e.body())).start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.store.since().filter("s2"::equals).isPresent());
    List<String> expected = new ArrayList<>(List.of("x"));
    expected.addAll(gap(300));
    expected.add("last");
    assertThat(handled).containsExactlyElementsOf(expected);
    assertThat(failures).isEmpty();
  }

  @Test
  void aRefusedGapIsSaidInTheLogAndTheTimelineIsStillHandled() {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on("s1", "s2", join(limited("!a", "p2", "last")))
        .history("!a", "s1", "p2", gap(10));
    var refusal = new ConcurrentLinkedQueue<Reply>();
    refusal.add(Reply.json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"not yours\"}"));
    hs.pageFaults.put("s1", refusal);
    world.engine(e -> handled.add(e.body())).start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.store.since().filter("s2"::equals).isPresent());
    assertThat(handled).containsExactly("x", "last");
    assertThat(logged(Level.WARN))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("events missed in !a").contains("skipped"));
  }

  @Test
  void aCrashInTheMiddleOfAGapResumesWithoutRepeatingOrSkipping() throws Exception {
    hs.on("", "s1", join(timeline("!a", "x")))
        .on("s1", "s2", join(limited("!a", "p2", "last")))
        .history("!a", "s1", "p2", gap(200));
    world.crashAt("g130", handled);
    assertThat(world.store.since()).contains("s1");

    world.engine(e -> handled.add(e.body())).start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.store.since().filter("s2"::equals).isPresent());
    List<String> expected = new ArrayList<>(List.of("x"));
    expected.addAll(gap(200));
    expected.add("last");
    assertThat(handled).containsExactlyElementsOf(expected);
  }
}
