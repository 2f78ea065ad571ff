package cd.chatrix.matrix.sync;

import static cd.chatrix.matrix.sync.ScriptedSync.join;
import static cd.chatrix.matrix.sync.ScriptedSync.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.RetryLayer;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.http.Transports;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The app's database, where the sync state lives, goes away for a while (a PostgreSQL outage, a
 * lease that fences every write): the loop says so once, waits, and goes on when told the store is
 * back, however long its back-off has grown.
 */
class SyncStoreOutageTest {
  /** Longer than any test waits: only {@link SyncEngine#retryNow} ends such a pause. */
  private static final Backoff GLACIAL =
      new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10));

  private final ScriptedSync hs = new ScriptedSync();
  private final Transports transports =
      new Transports(
          new RetryLayer(
              3, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), Sleeper.REAL));
  private final HttpTransport api =
      transports.authenticated(hs.server.baseUri(), ScriptedEngines.fixedToken());
  private final FlakyStore store = new FlakyStore();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger engineLogger = (Logger) LoggerFactory.getLogger(SyncEngine.class);
  private SyncEngine engine;

  @BeforeEach
  void listen() {
    engineLogger.setLevel(Level.DEBUG);
    log.start();
    engineLogger.addAppender(log);
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    engineLogger.detachAppender(log);
    engineLogger.setLevel(null);
    transports.close();
    hs.close();
  }

  @Test
  void retryNowEndsTheBackOffOnceTheStoreIsBackAndTheOutageIsSaidOnceEachWay() {
    hs.on("", "s1", join(timeline("!a", "first")));
    List<String> handled = new CopyOnWriteArrayList<>();
    engine = start(handled);
    await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("first"));

    store.down = true;
    hs.on("s1", "s2", join(timeline("!a", "during")));
    // The sync that brings "during" cannot ask the store whether it was handled: it backs off.
    await().atMost(Duration.ofSeconds(10)).until(() -> store.refusals > 0);
    engine.retryNow(); // woken while the store is still down: one more attempt, then back off
    await().atMost(Duration.ofSeconds(10)).until(() -> store.refusals > 1);
    store.down = false;
    engine.retryNow();

    await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("during"));
    assertThat(handled).containsExactly("first", "during");
    assertThat(lines(Level.WARN))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("cannot read or save its position in the store")
        .contains("the database is unreachable")
        .contains("goes on where it stopped once the store answers");
    assertThat(lines(Level.INFO)).anyMatch(l -> l.contains("reaches the store again"));
    assertThat(lines(Level.ERROR)).isEmpty();
  }

  @Test
  void aListenerThatFailsOnEverySyncIsSaidOnceAtWarnAndOnceWhenItWorks() {
    hs.on("", "s1", join(timeline("!a", "one")))
        .on("s1", "s2", join(timeline("!a", "two")))
        .on("s2", "s3", join(timeline("!a", "three")))
        .on("s3", "s4", join(timeline("!a", "four")));
    List<String> handled = new CopyOnWriteArrayList<>();
    engine = engine(handled);
    engine.addListener(batch -> {
      if (!batch.nextBatch().equals("s4")) {
        throw new IllegalStateException("the crypto store is unreachable");
      }
    });
    engine.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("four"));
    assertThat(lines(Level.WARN))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("Taking in a sync response failed (the crypto store is unreachable)")
        .contains("each later sync tries again")
        .contains("fix what the message names");
    assertThat(lines(Level.INFO))
        .filteredOn(l -> l.contains("taken in again"))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("after 3 failed attempts");
    assertThat(lines(Level.ERROR)).isEmpty();
  }

  private SyncEngine start(List<String> handled) {
    SyncEngine started = engine(handled);
    started.start();
    return started;
  }

  private SyncEngine engine(List<String> handled) {
    SyncOptions options =
        SyncOptions.defaults()
            .withPollTimeout(Duration.ofMillis(100))
            .withBackoff(GLACIAL, Sleeper.REAL)
            .withHandlerGracePeriod(Duration.ofMillis(200));
    SyncEngine created = new SyncEngine(api, "@bot:x", store, options);
    created.addHandler(e -> handled.add(e.body()));
    return created;
  }

  private List<String> lines(Level level) {
    return log.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** An in-memory sync state store that refuses everything while {@code down}. */
  private static final class FlakyStore implements SyncStateStore {
    private final InMemorySyncStateStore kept = new InMemorySyncStateStore();
    volatile boolean down;
    volatile int refusals;

    private void check() {
      if (down) {
        refusals++;
        throw new IllegalStateException("the database is unreachable");
      }
    }

    @Override
    public Optional<String> since() {
      check();
      return kept.since();
    }

    @Override
    public boolean isHandled(String eventId) {
      check();
      return kept.isHandled(eventId);
    }

    @Override
    public void markHandled(String eventId) {
      check();
      kept.markHandled(eventId);
    }

    @Override
    public void commit(String nextBatch, Collection<String> batchEventIds) {
      check();
      kept.commit(nextBatch, batchEventIds);
    }
  }
}
