package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.model.TaskStatus;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a connection to {@code /api/ws} open: connects with the client's Bearer token, parses
 * frames into {@link PushMessage}s, and reconnects after drops with exponential back-off and full
 * jitter (so many bots do not reconnect in step after a Semaphore restart). A connection silent for
 * longer than the idle timeout is treated as dead.
 */
public final class PushListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushListener.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Receives messages and connection changes, on the listener's own thread. */
  public interface Handler {
    void connected();

    void disconnected(String reason);

    void message(PushMessage message);
  }

  private final SemaphoreClient client;
  private final Handler handler;
  private final Duration reconnectMin;
  private final Duration reconnectMax;
  private final Duration idleTimeout;
  private final Thread loop;
  private volatile boolean closed;
  private volatile WebSocket socket;
  private volatile long lastFrameNanos;

  public PushListener(
      SemaphoreClient client,
      Handler handler,
      Duration reconnectMin,
      Duration reconnectMax,
      Duration idleTimeout) {
    this.client = client;
    this.handler = handler;
    this.reconnectMin = reconnectMin;
    this.reconnectMax = reconnectMax;
    this.idleTimeout = idleTimeout;
    this.loop = Thread.ofVirtual().name("semaphore-push").unstarted(this::run);
  }

  public void start() {
    loop.start();
  }

  /** Aborts the current connection (as a network cut would); the listener reconnects. */
  public void abortConnection() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      CompletableFuture<String> ended = new CompletableFuture<>();
      try {
        WebSocket ws = client.connectPush(new Frames(ended)).get(30, TimeUnit.SECONDS);
        socket = ws;
        lastFrameNanos = System.nanoTime();
        failures = 0;
        handler.connected();
        String reason = awaitEnd(ended, ws);
        socket = null;
        if (closed) {
          return;
        }
        handler.disconnected(reason);
      } catch (InterruptedException e) {
        return;
      } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException e) {
        if (closed) {
          return;
        }
        failures++;
        String reason = e.getCause() != null ? e.getCause().toString() : e.toString();
        LOG.debug("Semaphore push connection failed ({}): {}", failures, reason);
        if (failures == 1) {
          handler.disconnected("could not connect: " + reason);
        }
      }
      if (!sleep(backoff(Math.max(failures, 1)))) {
        return;
      }
    }
  }

  private String awaitEnd(CompletableFuture<String> ended, WebSocket ws)
      throws InterruptedException {
    while (!closed) {
      try {
        return ended.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() - lastFrameNanos > idleTimeout.toNanos()) {
          ws.abort();
          return "no frames for " + idleTimeout.toSeconds() + " s";
        }
      } catch (java.util.concurrent.ExecutionException e) {
        return String.valueOf(e.getCause());
      }
    }
    return "closed";
  }

  private Duration backoff(int failures) {
    long cap =
        Math.min(reconnectMax.toMillis(), reconnectMin.toMillis() << Math.min(failures - 1, 16));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, cap / 2), cap + 1));
  }

  private boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    loop.interrupt();
    if (loop.getState() == Thread.State.NEW) {
      return; // never started: nothing to wait for
    }
    try {
      loop.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reassembles text frames and turns them into messages. */
  private final class Frames implements WebSocket.Listener {
    private final CompletableFuture<String> ended;
    private final StringBuilder partial = new StringBuilder();

    Frames(CompletableFuture<String> ended) {
      this.ended = ended;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      lastFrameNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        parse(text).ifPresent(handler::message);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      lastFrameNanos = System.nanoTime();
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      ended.complete("closed by Semaphore (" + statusCode + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      ended.complete("connection lost: " + error);
    }
  }

  /** Parses one frame; frames of unknown type or shape are skipped. */
  static Optional<PushMessage> parse(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    int project = n.path("project_id").asInt(0);
    int task = n.path("task_id").asInt(0);
    if (task == 0) {
      return Optional.empty();
    }
    return switch (n.path("type").asString("")) {
      case "update" ->
          Optional.of(
              new PushMessage.Update(
                  project,
                  task,
                  n.path("template_id").asInt(0),
                  TaskStatus.parse(n.path("status").asString("")),
                  time(n, "start"),
                  time(n, "end")));
      case "log" ->
          Optional.of(
              new PushMessage.Log(
                  project,
                  task,
                  time(n, "time").orElse(Instant.now()),
                  n.path("output").asString("")));
      default -> Optional.empty();
    };
  }

  private static Optional<Instant> time(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isString() || v.asString().startsWith("0001-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.asString()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
