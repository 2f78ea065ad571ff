package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.AccessTokens;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.RetryLayer;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.RecordingSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Sync engines against a {@link ScriptedSync} homeserver, with a short long-poll, fast back-off and
 * an in-memory position: what the engine's tests share. Closing it closes them all.
 */
final class ScriptedEngines implements AutoCloseable {
  final ScriptedSync hs = new ScriptedSync();
  final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofSeconds(2));
  final InMemorySyncStateStore store = new InMemorySyncStateStore();
  private final Backoff fast = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
  private final Transports transports = new Transports(new RetryLayer(3, fast, sleeper));
  private final HttpTransport api = transports.authenticated(hs.server.baseUri(), fixedToken());
  private final List<SyncEngine> engines = new ArrayList<>();

  /** A token that never changes; a rejection ends the session, as a revoked token does. */
  static AccessTokens fixedToken() {
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

  SyncEngine engine(RoomEventHandler handler) {
    return engine(handler, UnaryOperator.identity());
  }

  /** An engine whose options the test changes with {@code tune}. */
  SyncEngine engine(RoomEventHandler handler, UnaryOperator<SyncOptions> tune) {
    SyncOptions options =
        tune.apply(
            SyncOptions.defaults()
                .withPollTimeout(Duration.ofMillis(100))
                .withBackoff(fast, sleeper)
                .withHandlerGracePeriod(Duration.ofMillis(200)));
    SyncEngine engine = new SyncEngine(api, "@bot:x", store, options);
    engine.addHandler(handler);
    engines.add(engine);
    return engine;
  }

  /**
   * Runs an engine whose handler records each event's body in {@code handled} until it reaches
   * {@code body}, where the process "dies": the engine is closed while that handler still runs.
   */
  void crashAt(String body, List<String> handled) throws InterruptedException {
    CountDownLatch stuck = new CountDownLatch(1);
    SyncEngine doomed =
        engine(e -> {
          if (e.body().equals(body)) {
            stuck.countDown();
            Thread.sleep(Duration.ofMinutes(5));
          }
          handled.add(e.body());
        });
    doomed.start();
    if (!stuck.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the engine never reached " + body);
    }
    doomed.close();
  }

  @Override
  public void close() {
    engines.forEach(SyncEngine::close);
    transports.close();
    hs.close();
  }
}
