package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import cd.chatrix.matrix.testing.RecordingSleeper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryLayerTest {
  private final FakeHttpServer server = new FakeHttpServer();
  private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofSeconds(5));
  private final HttpTransport transport =
      HttpTransport.builder(server.baseUri())
          .layer(
              new RetryLayer(4, new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)), sleeper))
          .build();

  @AfterEach
  void close() {
    transport.close();
    server.close();
  }

  private static java.util.function.Function<FakeHttpServer.Request, Reply> failing(
      int times, Reply failure) {
    AtomicInteger calls = new AtomicInteger();
    return r -> calls.incrementAndGet() <= times ? failure : Reply.json(200, "{\"ok\":true}");
  }

  @Test
  void waitsAsLongAsRetryAfterMsSaysThenSucceeds() {
    server.route(
        "GET /x",
        failing(1, Reply.json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":300}")));
    long start = System.nanoTime();

    var body = transport.call(MatrixRequest.get("/x").unauthenticated());

    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(server.requests("/x")).hasSize(2);
  }

  @Test
  void honoursRetryAfterHeaderWhenTheBodyHasNoHint() {
    server.route(
        "POST /x",
        failing(
            1,
            Reply.json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\"}").withHeader("Retry-After", "1")));

    transport.call(MatrixRequest.postJson("/x", Map.of()).unauthenticated());

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void retriesServerErrorsOfSafeRequests() {
    server.route("GET /x", failing(2, Reply.json(502, "")));

    transport.call(MatrixRequest.get("/x").unauthenticated());

    assertThat(server.requests("/x")).hasSize(3);
    assertThat(sleeper.waits())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(40)));
  }

  @Test
  void neverRepeatsAPostThatMayHaveTakenEffect() {
    server.route("POST /x", failing(1, Reply.json(500, "{\"errcode\":\"M_UNKNOWN\"}")));

    assertThatThrownBy(
            () -> transport.call(MatrixRequest.postJson("/x", Map.of()).unauthenticated()))
        .isInstanceOf(MatrixException.class)
        .hasMessageContaining("500");
    assertThat(server.requests("/x")).hasSize(1);
  }

  @Test
  void reconnectsAfterDroppedConnectionsForSafeRequests() {
    server.route("GET /x", failing(2, Reply.dropConnection()));

    transport.call(MatrixRequest.get("/x").unauthenticated());

    assertThat(server.requests("/x")).hasSize(3);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    server.route("GET /x", failing(10, Reply.json(503, "{\"errcode\":\"M_UNKNOWN\"}")));

    assertThatThrownBy(() -> transport.call(MatrixRequest.get("/x").unauthenticated()))
        .isInstanceOf(MatrixException.class);
    assertThat(server.requests("/x")).hasSize(4);
  }
}
